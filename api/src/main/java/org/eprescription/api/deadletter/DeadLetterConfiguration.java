package org.eprescription.api.deadletter;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The projections' dead-letter queues are switched on in application.yml (axon.eventhandling.processors.*.dlq). */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    /** Axon applies every HandlerEnhancerDefinition bean to the handlers it registers. */
    @Bean
    SavepointPerEvent savepointPerEvent(PlatformTransactionManager transactionManager) {
        return new SavepointPerEvent(transactionManager, DeadLetters.PROCESSING_GROUPS);
    }

    /**
     * The queues Axon's auto-configuration would build for the processors with a dead-letter queue enabled, in the
     * same table, with {@link OwnPositionDeadLetterStatements}: a letter keeps its event's own position.
     */
    @Bean
    DeadLetterQueueProviderConfigurerModule deadLetterQueueProviderConfigurerModule(
            EventProcessorProperties processors, ConnectionProvider connections, TransactionManager transactions,
            DeadLetterSchema schema, @Qualifier("eventSerializer") Serializer eventSerializer,
            Serializer genericSerializer) {
        var statements = new OwnPositionDeadLetterStatements(schema, genericSerializer, eventSerializer);
        return new DeadLetterQueueProviderConfigurerModule(processors, group -> configuration ->
                JdbcSequencedDeadLetterQueue.builder()
                        .processingGroup(group)
                        .connectionProvider(connections)
                        .transactionManager(transactions)
                        .schema(schema)
                        .genericSerializer(genericSerializer)
                        .eventSerializer(eventSerializer)
                        .statementFactory(statements)
                        .build());
    }
}

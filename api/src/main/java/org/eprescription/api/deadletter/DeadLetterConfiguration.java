package org.eprescription.api.deadletter;

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
}

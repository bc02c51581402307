package org.eprescription.api.config;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.eprescription.query.codes.LiveExchangeCodeProjection;
import org.eprescription.query.consent.ConsentRecordProjection;
import org.eprescription.query.courses.CourseRecordProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Set;

/**
 * Axon's metrics for the command bus, the event store and the projections' event processors (docs/operations.md,
 * "Health and metrics"), and none for the query bus, the subscription updates and the processors that run inside a
 * command's transaction. Those would time every view read, every wait of a command's answer, every update pushed to
 * a live stream and every event a command records, several per command, for figures nobody reads: the commands'
 * latencies already cover them. The meters are Axon's, kept per message type ({@link MessageTypeMeters}).
 */
@Configuration(proxyBeanMethods = false)
public class CommandAndEventMetrics {

    /** Replaces Axon's own registry bean (it steps back for one of ours). */
    @Bean
    GlobalMetricRegistry globalMetricRegistry(MeterRegistry registry) {
        return new WithoutQueryMetrics(registry);
    }

    private static final class WithoutQueryMetrics extends GlobalMetricRegistry {

        private static final Set<String> IN_COMMAND_TRANSACTION = Set.of(CourseRecordProjection.PROCESSING_GROUP,
                LiveExchangeCodeProjection.PROCESSING_GROUP, ConsentRecordProjection.PROCESSING_GROUP);

        private WithoutQueryMetrics(MeterRegistry registry) {
            super(registry);
        }

        @Override
        public MessageMonitor<? extends Message<?>> registerComponent(Class<?> componentType, String componentName) {
            return isQuerySide(componentType) || isInCommandTransaction(componentType, componentName)
                    ? NoOpMessageMonitor.instance()
                    : super.registerComponent(componentType, componentName);
        }

        @Override
        public MessageMonitor<? extends Message<?>> registerComponentWithDefaultTags(Class<?> componentType,
                                                                                     String componentName) {
            if (isQuerySide(componentType) || isInCommandTransaction(componentType, componentName)) {
                return NoOpMessageMonitor.instance();
            }
            if (EventProcessor.class.isAssignableFrom(componentType)) {
                return MessageTypeMeters.forEventProcessor(componentName, getRegistry());
            }
            if (CommandBus.class.isAssignableFrom(componentType)) {
                return MessageTypeMeters.forCommandBus(componentName, getRegistry());
            }
            if (EventBus.class.isAssignableFrom(componentType)) {
                return MessageTypeMeters.forEventStore(componentName, getRegistry());
            }
            return super.registerComponentWithDefaultTags(componentType, componentName);
        }

        private static boolean isQuerySide(Class<?> componentType) {
            return QueryBus.class.isAssignableFrom(componentType)
                    || QueryUpdateEmitter.class.isAssignableFrom(componentType);
        }

        /**
         * The subscribing processors run inside the command's transaction, so the command's latency covers them; their
         * monitors would only count and time, for every event of every command, the many they ignore.
         */
        private static boolean isInCommandTransaction(Class<?> componentType, String componentName) {
            return EventProcessor.class.isAssignableFrom(componentType)
                    && IN_COMMAND_TRANSACTION.contains(componentName);
        }
    }
}

package org.eprescription.api.config;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's metrics for the command bus, the event store and the event processors (docs/operations.md, "Health and
 * metrics"), and none for the query bus and the subscription updates. Those would time every view read, every wait
 * of a command's answer and every update pushed to a live stream, several per command, for figures nobody reads:
 * the commands' latencies already cover them.
 */
@Configuration(proxyBeanMethods = false)
public class CommandAndEventMetrics {

    /** Replaces Axon's own registry bean (it steps back for one of ours). */
    @Bean
    GlobalMetricRegistry globalMetricRegistry(MeterRegistry registry) {
        return new WithoutQueryMetrics(registry);
    }

    private static final class WithoutQueryMetrics extends GlobalMetricRegistry {

        private WithoutQueryMetrics(MeterRegistry registry) {
            super(registry);
        }

        @Override
        public MessageMonitor<? extends Message<?>> registerComponent(Class<?> componentType, String componentName) {
            return isQuerySide(componentType) ? NoOpMessageMonitor.instance()
                    : super.registerComponent(componentType, componentName);
        }

        @Override
        public MessageMonitor<? extends Message<?>> registerComponentWithDefaultTags(Class<?> componentType,
                                                                                     String componentName) {
            return isQuerySide(componentType) ? NoOpMessageMonitor.instance()
                    : super.registerComponentWithDefaultTags(componentType, componentName);
        }

        private static boolean isQuerySide(Class<?> componentType) {
            return QueryBus.class.isAssignableFrom(componentType)
                    || QueryUpdateEmitter.class.isAssignableFrom(componentType);
        }
    }
}

package org.eprescription.api.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import lombok.RequiredArgsConstructor;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.eprescription.query.rebuild.EventReplayer;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code exchange_processor_lag_events{processor=...}}: events in the store that a processor has not yet handled on
 * this node. Axon's own {@code eventProcessor_latency} says how old the last handled event was, which stays low on a
 * quiet system even when a processor is stuck; this one grows. Registered once Axon has built its processors.
 */
@Component
@RequiredArgsConstructor
class ProcessorLagMetrics {

    private final EventProcessingConfiguration eventProcessing;
    private final EventReplayer events;
    private final MeterRegistry registry;

    @EventListener(ApplicationStartedEvent.class)
    void register() {
        eventProcessing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder("exchange.processor.lag", streaming,
                                p -> ProcessorPosition.lag(p, events.headPosition()).orElse(0))
                        .baseUnit("events")
                        .description("events in the store this processor has not handled yet on this node")
                        .tag("processor", name)
                        .register(registry);
            }
        });
    }
}

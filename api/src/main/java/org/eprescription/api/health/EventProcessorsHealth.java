package org.eprescription.api.health;

import lombok.RequiredArgsConstructor;
import org.axonframework.config.EventProcessingConfiguration;
import org.eprescription.api.admin.ProjectionAdmin;
import org.eprescription.query.rebuild.EventReplayer;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.NamedContributor;

import java.util.Iterator;
import java.util.TreeSet;

/**
 * {@code /actuator/health} lists every event processor under {@code eventProcessors}. The processors are looked up
 * at each check, not when the context starts, because Axon builds them only when its configuration starts.
 */
@RequiredArgsConstructor
class EventProcessorsHealth implements CompositeHealthContributor {

    private final EventProcessingConfiguration eventProcessing;
    private final EventReplayer events;
    private final ProjectionAdmin projections;

    @Override
    public HealthContributor getContributor(String name) {
        return eventProcessing.eventProcessor(name)
                .map(processor -> new ProcessorHealthIndicator(processor, events,
                        () -> projections.isProcessorBusy(name)))
                .orElse(null);
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        return new TreeSet<>(eventProcessing.eventProcessors().keySet()).stream()
                .map(name -> NamedContributor.of(name, getContributor(name)))
                .iterator();
    }
}

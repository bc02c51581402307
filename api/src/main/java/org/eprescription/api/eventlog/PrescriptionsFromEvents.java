package org.eprescription.api.eventlog;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.eprescription.query.prescription.PrescriptionView;
import org.eprescription.query.prescription.PrescriptionViewEvolver;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * A prescription's view built from its own events with the evolver the projection uses, read through Axon's
 * {@link EventStore} (so on either store): what a recorded command answers, and a read shows, while the projection
 * has not reached the prescription's last event (docs/http-api.md, "Retries"). Only the projection knows the global
 * position of the last event: such a view's {@code lastPosition} is -1.
 */
@Component
public class PrescriptionsFromEvents {

    private final EventStore eventStore;
    private final PrescriptionViewEvolver evolver;

    public PrescriptionsFromEvents(EventStore eventStore, DrugCatalogue catalogue) {
        this.eventStore = eventStore;
        this.evolver = new PrescriptionViewEvolver(catalogue);
    }

    /** The view after every event the store holds for {@code id}; empty when it holds none. */
    public Optional<PrescriptionView> read(PrescriptionId id) {
        PrescriptionView view = null;
        DomainEventStream events = eventStore.readEvents(id.toString());
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getPayload() instanceof PrescriptionEvent payload) {
                view = evolver.evolve(view, payload, event.getSequenceNumber(), event.getTimestamp());
            }
        }
        return Optional.ofNullable(view);
    }

    /** The sequence number of the last event the store holds for {@code id}; -1 when none. */
    public long lastSequence(PrescriptionId id) {
        return eventStore.lastSequenceNumberFor(id.toString()).orElse(-1L);
    }
}

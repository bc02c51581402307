package org.eprescription.api.security;

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
 * A prescription as its own events show it, asked only when a command on it was refused and the view does not show
 * the caller as involved: the view may lag (or hold the prescription's events in its dead-letter queue), and a
 * rightful caller must get its refusal, not 403 (docs/http-api.md, "Unknown and foreign resources").
 */
@Component
class PrescriptionPartiesFromEvents {

    private final EventStore eventStore;
    private final PrescriptionViewEvolver evolver;

    PrescriptionPartiesFromEvents(EventStore eventStore, DrugCatalogue catalogue) {
        this.eventStore = eventStore;
        this.evolver = new PrescriptionViewEvolver(catalogue);
    }

    /** The prescription after every event the store holds for it; empty when it holds none. */
    Optional<PrescriptionView> read(PrescriptionId id) {
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
}

package org.eprescription.api.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.eprescription.api.problem.UnknownResourceException;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.eprescription.query.prescription.PrescriptionView;
import org.eprescription.query.prescription.PrescriptionViewEvolver;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A prescription's history read from the event store itself, not from a view: its events, and its state at an
 * instant rebuilt by folding the events stored up to then through the same evolver the projection uses.
 */
@Component
public class PrescriptionHistory {

    private final EventStore eventStore;
    private final ObjectMapper json;
    private final PrescriptionViewEvolver evolver;

    public PrescriptionHistory(EventStore eventStore, ObjectMapper json, DrugCatalogue catalogue) {
        this.eventStore = eventStore;
        this.json = json;
        this.evolver = new PrescriptionViewEvolver(catalogue);
    }

    public List<AuditedEvent> events(PrescriptionId id) {
        List<AuditedEvent> events = stream(id).stream()
                .map(event -> new AuditedEvent(event.getSequenceNumber(), event.getPayloadType().getSimpleName(),
                        event.getTimestamp(), json.valueToTree(event.getPayload()), event.getMetaData()))
                .toList();
        if (events.isEmpty()) {
            throw unknown(id);
        }
        return events;
    }

    /** The view as it stood at {@code asOf}: every event stored at or before that instant, folded in order. */
    public PrescriptionView stateAsOf(PrescriptionId id, Instant asOf) {
        List<PrescriptionView> versions = fold(id, asOf);
        if (versions.isEmpty()) {
            throw new UnknownResourceException("no prescription " + id + " as of " + asOf);
        }
        return versions.get(versions.size() - 1);
    }

    /**
     * The view after each of its events, in order: one per event, its {@code version} the event's sequence number
     * (what {@link #stateAsOf} answers at that event's timestamp).
     */
    public List<PrescriptionView> versions(PrescriptionId id) {
        List<PrescriptionView> versions = fold(id, null);
        if (versions.isEmpty()) {
            throw unknown(id);
        }
        return versions;
    }

    /** The view after each event stored at or before {@code until} (null: every event), in order. */
    private List<PrescriptionView> fold(PrescriptionId id, Instant until) {
        List<PrescriptionView> versions = new ArrayList<>();
        PrescriptionView view = null;
        for (DomainEventMessage<?> event : stream(id)) {
            if (until != null && event.getTimestamp().isAfter(until)) {
                break;
            }
            view = evolver.evolve(view, (PrescriptionEvent) event.getPayload(), event.getSequenceNumber(),
                    event.getTimestamp());
            versions.add(view);
        }
        return versions;
    }

    private List<? extends DomainEventMessage<?>> stream(PrescriptionId id) {
        return eventStore.readEvents(id.toString()).asStream().toList();
    }

    private static UnknownResourceException unknown(PrescriptionId id) {
        return new UnknownResourceException("no prescription " + id);
    }
}

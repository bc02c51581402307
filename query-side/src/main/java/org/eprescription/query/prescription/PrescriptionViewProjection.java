package org.eprescription.query.prescription;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.event.AlertAcknowledged;
import org.eprescription.core.prescription.event.CancellationRequested;
import org.eprescription.core.prescription.event.PrescriptionAccepted;
import org.eprescription.core.prescription.event.PrescriptionCancelled;
import org.eprescription.core.prescription.event.PrescriptionCompleted;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.eprescription.core.prescription.event.PrescriptionExpired;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.eprescription.core.prescription.event.PrescriptionReleased;
import org.eprescription.core.prescription.event.RefillScheduled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Builds {@code prescription_view} from the Prescription aggregate's events: load the row, evolve it with
 * {@link PrescriptionViewEvolver}, save it, and push it to the live subscribers of that prescription.
 *
 * <p>Idempotent under redelivery: the row's version is the sequence number of the last event applied, so an event
 * at or below it is skipped (a retried batch, a token reset without a table reset), and the upsert itself refuses
 * to replace a row with an older version.
 */
@Component
@ProcessingGroup(PrescriptionViewProjection.PROCESSING_GROUP)
public class PrescriptionViewProjection {

    public static final String PROCESSING_GROUP = "prescription-view";

    private static final Logger log = LoggerFactory.getLogger(PrescriptionViewProjection.class);

    private final PrescriptionViewRepository repository;
    private final PrescriptionViewEvolver evolver;
    private final QueryUpdateEmitter emitter;

    public PrescriptionViewProjection(PrescriptionViewRepository repository, DrugCatalogue catalogue,
                                      QueryUpdateEmitter emitter) {
        this.repository = repository;
        this.evolver = new PrescriptionViewEvolver(catalogue);
        this.emitter = emitter;
    }

    @EventHandler
    public void on(PrescriptionIssued event, @SequenceNumber long sequence, @Timestamp Instant timestamp,
                   ReplayStatus replayStatus) {
        apply(event, event.exchangeCodeHash(), sequence, timestamp, replayStatus);
    }

    @EventHandler
    public void on(PrescriptionAccepted event, @SequenceNumber long sequence, @Timestamp Instant timestamp,
                   ReplayStatus replayStatus) {
        apply(event, null, sequence, timestamp, replayStatus);
    }

    @EventHandler
    public void on(PrescriptionReleased event, @SequenceNumber long sequence, @Timestamp Instant timestamp,
                   ReplayStatus replayStatus) {
        apply(event, null, sequence, timestamp, replayStatus);
    }

    @EventHandler
    public void on(PrescriptionDispensed event, @SequenceNumber long sequence, @Timestamp Instant timestamp,
                   ReplayStatus replayStatus) {
        apply(event, null, sequence, timestamp, replayStatus);
    }

    @EventHandler
    public void on(RefillScheduled event, @SequenceNumber long sequence, @Timestamp Instant timestamp,
                   ReplayStatus replayStatus) {
        apply(event, null, sequence, timestamp, replayStatus);
    }

    @EventHandler
    public void on(PrescriptionCompleted event, @SequenceNumber long sequence, @Timestamp Instant timestamp,
                   ReplayStatus replayStatus) {
        apply(event, null, sequence, timestamp, replayStatus);
    }

    @EventHandler
    public void on(CancellationRequested event, @SequenceNumber long sequence, @Timestamp Instant timestamp,
                   ReplayStatus replayStatus) {
        apply(event, null, sequence, timestamp, replayStatus);
    }

    @EventHandler
    public void on(PrescriptionCancelled event, @SequenceNumber long sequence, @Timestamp Instant timestamp,
                   ReplayStatus replayStatus) {
        apply(event, null, sequence, timestamp, replayStatus);
    }

    @EventHandler
    public void on(PrescriptionExpired event, @SequenceNumber long sequence, @Timestamp Instant timestamp,
                   ReplayStatus replayStatus) {
        apply(event, null, sequence, timestamp, replayStatus);
    }

    @EventHandler
    public void on(AlertAcknowledged event, @SequenceNumber long sequence, @Timestamp Instant timestamp,
                   ReplayStatus replayStatus) {
        apply(event, null, sequence, timestamp, replayStatus);
    }

    /** Before a replay: the view is rebuilt from the first event, so nothing of the old one may remain. */
    @ResetHandler
    public void reset() {
        repository.deleteAll();
    }

    private void apply(PrescriptionEvent event, String exchangeCodeHash, long sequence, Instant timestamp,
                       ReplayStatus replayStatus) {
        PrescriptionId id = event.prescriptionId();
        PrescriptionView current = repository.load(id).orElse(null);
        if (current != null && sequence <= current.version()) {
            log.debug("prescription {}: {} at sequence {} already applied (view at version {}), skipped",
                    id, event.getClass().getSimpleName(), sequence, current.version());
            return;
        }
        long expected = current == null ? 0 : current.version() + 1;
        if (sequence != expected) {
            log.warn("prescription {}: {} has sequence {} but the view expected {}; an event was not applied",
                    id, event.getClass().getSimpleName(), sequence, expected);
        }
        PrescriptionView next = evolver.evolve(current, event, sequence, timestamp);
        if (repository.save(next, exchangeCodeHash) && !replayStatus.isReplay()) {
            emit(next);
        }
    }

    /** Only to the subscriptions of this prescription, and only if there is one. */
    private void emit(PrescriptionView view) {
        PrescriptionId id = view.prescriptionId();
        boolean subscribed = emitter.activeSubscriptions().stream()
                .anyMatch(subscription -> subscription.getPayload() instanceof FindPrescription query
                        && query.prescriptionId().equals(id));
        if (subscribed) {
            emitter.emit(FindPrescription.class, query -> query.prescriptionId().equals(id), view);
        }
    }
}

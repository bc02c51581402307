package org.eprescription.query.prescription;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.EventMessage;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.event.AlertAcknowledged;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.core.interaction.RecordedAlert;
import org.eprescription.core.prescription.event.PrescriptionCancelled;
import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.eprescription.core.prescription.event.PrescriptionExpired;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.eprescription.core.record.event.DispensingRecordChecked;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.ids.PatientId;
import org.eprescription.query.support.BatchScope;
import org.eprescription.query.support.ReplayBuffer;
import org.eprescription.query.support.StorePositions;
import org.eprescription.query.support.WritesHeldForBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds {@code prescription_view} from the Prescription aggregate's events: load the row, evolve it with
 * {@link PrescriptionViewEvolver}, save it (live, into the batch's store, written before the batch commits), and push
 * it to the live subscribers it concerns
 * ({@link PrescriptionViewUpdates}; a replay's instance, {@link #forReplay}, tells nobody). The row keeps the event's global position for the
 * live streams' event ids ({@link StorePositions}: its own, also for an event whose transaction committed late, so
 * that a replay records the same), read from the message itself so that an untracked delivery (a subscribing
 * processor, a test) still updates the view, with no position (-1).
 *
 * <p>Idempotent under redelivery: the row's version is the sequence number of the last event applied, so an event
 * at or below it is skipped (a retried batch; after a rebuild, the events its tables hold while the shared processor goes on from its own
 * position), and the upsert itself refuses
 * to replace a row with an older version.
 */
@Component
@ProcessingGroup(PrescriptionViewProjection.PROCESSING_GROUP)
@WritesHeldForBatch
public class PrescriptionViewProjection {

    public static final String PROCESSING_GROUP = "prescription-view";

    private static final Logger log = LoggerFactory.getLogger(PrescriptionViewProjection.class);

    private final PrescriptionViewRepository repository;
    private final PrescriptionViewEvolver evolver;
    private final PrescriptionViewUpdates updates;
    private final String batchKey = BatchScope.newKey(PROCESSING_GROUP);

    @Autowired
    public PrescriptionViewProjection(PrescriptionViewRepository repository, DrugCatalogue catalogue,
                                      PrescriptionViewUpdates updates) {
        this.repository = repository;
        this.evolver = new PrescriptionViewEvolver(catalogue);
        this.updates = updates;
    }

    private PrescriptionViewProjection(PrescriptionViewRepository store, DrugCatalogue catalogue) {
        this.repository = store;
        this.evolver = new PrescriptionViewEvolver(catalogue);
        this.updates = null;
    }

    /**
     * A projection for a replay: rows through {@code store} (a replay's, {@link PrescriptionViewRepository#forReplay}),
     * and nobody told of them: nobody subscribes to a replay's scratch tables.
     */
    public static PrescriptionViewProjection forReplay(PrescriptionViewRepository store, DrugCatalogue catalogue) {
        return new PrescriptionViewProjection(store, catalogue);
    }

    @EventHandler
    public void on(PrescriptionIssued event, @SequenceNumber long sequence, @Timestamp Instant timestamp,
                   EventMessage<?> message) {
        apply(event, IssuedCode.of(event), sequence, timestamp, message);
    }

    /**
     * Every other event of a prescription evolves its row ({@link PrescriptionViewEvolver}, which refuses an event it
     * does not know). A cancellation or expiry resolves the alerts that named its courses and an acknowledgement covers
     * an alert another prescription shows, so those also retell the patient's other prescriptions. Axon invokes one
     * handler of this class per event, the most specific: a {@link PrescriptionIssued} and an
     * {@link InteractionCheckCompleted} have their own.
     */
    @EventHandler
    public void on(PrescriptionEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp,
                   EventMessage<?> message) {
        apply(event, null, sequence, timestamp, message);
        if (event instanceof PrescriptionCancelled || event instanceof PrescriptionExpired
                || event instanceof AlertAcknowledged) {
            retellTheOtherPrescriptionsOfItsPatient(event.prescriptionId(), message);
        }
    }

    /**
     * Only the version moves on; but the alerts it raised also show on the prescriptions they name (docs/alerts.md,
     * "Both sides see it"), so those prescriptions' live subscribers are sent their view again.
     */
    @EventHandler
    public void on(InteractionCheckCompleted event, @SequenceNumber long sequence, @Timestamp Instant timestamp,
                   EventMessage<?> message) {
        Set<PrescriptionId> named = named(event.alerts());
        named.remove(event.prescriptionId());
        apply(event, null, sequence, timestamp, message);
        if (updates == null) {
            return;
        }
        if (event.courses().stream().anyMatch(course -> course.status() == CourseStatus.STOPPED)) {
            // what stopped may resolve alerts on any of the patient's prescriptions
            retellTheOtherPrescriptionsOfItsPatient(event.prescriptionId(), message);
            return;
        }
        PrescriptionViewRepository repository = store();
        long position = StorePositions.of(message);
        for (PrescriptionId other : named) {
            repository.load(other).ifPresent(view -> updates.changed(view, view.announcedAt(position)));
        }
    }

    /**
     * A registered dispensing's check changes no prescription, but the alerts it raised name prescriptions: their
     * streams receive their view again, with the new alert (docs/alerts.md, "Both sides see it").
     */
    @EventHandler
    public void on(DispensingRecordChecked event, EventMessage<?> message) {
        if (updates == null) {
            return;
        }
        if (!event.resolvedAlerts().isEmpty()
                || event.courses().stream().anyMatch(course -> course.status() == CourseStatus.STOPPED)) {
            retellThePrescriptionsOf(event.patientId(), null, StorePositions.of(message));
            return;
        }
        PrescriptionViewRepository repository = store();
        long position = StorePositions.of(message);
        for (PrescriptionId other : named(event.alerts())) {
            repository.load(other).ifPresent(view -> updates.changed(view, view.announcedAt(position)));
        }
    }

    /**
     * An event of one prescription may change the alerts shown on the patient's others: a cancellation or expiry (or
     * a check whose courses stopped) resolves the alerts that named its courses, an acknowledgement covers an alert
     * another prescription shows. Their streams receive their views again, told as the change this event made, so that
     * they are rendered anew with the alerts as they are now (docs/alerts.md, "Both sides see it").
     */
    private void retellTheOtherPrescriptionsOfItsPatient(PrescriptionId changed, EventMessage<?> message) {
        if (updates == null) {
            return;
        }
        store().load(changed).ifPresent(view ->
                retellThePrescriptionsOf(view.patient().id(), changed, StorePositions.of(message)));
    }

    private void retellThePrescriptionsOf(PatientId patient, PrescriptionId except, long position) {
        PrescriptionViewRepository batch = store();
        for (PrescriptionView stored : repository.findByPatient(patient)) {
            if (!stored.prescriptionId().equals(except)) {
                batch.load(stored.prescriptionId()).ifPresent(view -> updates.changed(view, view.announcedAt(position)));
            }
        }
    }

    /** The prescriptions whose courses the alerts name (a record's courses name none). */
    private static Set<PrescriptionId> named(List<RecordedAlert> alerts) {
        Set<PrescriptionId> named = new LinkedHashSet<>();
        for (RecordedAlert alert : alerts) {
            alert.conflicts().stream().filter(conflict -> conflict.prescriptionId() != null)
                    .forEach(conflict -> named.add(conflict.prescriptionId()));
        }
        return named;
    }

    /**
     * Where this event's rows are read and written: live, the current batch's store, which reads the rows of the
     * batch's prescriptions in one statement and writes the changed ones in one JDBC batch before the batch commits
     * (so the handlers themselves write nothing and need no savepoint); a replay's store batches by itself.
     */
    private PrescriptionViewRepository store() {
        if (updates == null) {
            return repository;
        }
        return BatchScope.buffer(batchKey, () -> new BatchViews(repository.forBatch()))
                .map(BatchViews::store).orElse(repository);
    }

    /** The batch's store as the batch scope drives it. */
    private record BatchViews(PrescriptionViewRepository store) implements ReplayBuffer {

        @Override
        public void beforeBatch(List<? extends EventMessage<?>> batch) {
            store.replayBuffer().beforeBatch(batch);
        }

        @Override
        public void flush() {
            store.replayBuffer().flush();
        }
    }

    private void apply(PrescriptionEvent event, IssuedCode issuedCode, long sequence, Instant timestamp,
                       EventMessage<?> message) {
        PrescriptionViewRepository repository = store();
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
        PrescriptionView next = evolver.evolve(current, event, sequence, timestamp, StorePositions.of(message));
        if (repository.save(next, issuedCode) && updates != null) {
            updates.changed(current, next);
        }
    }
}

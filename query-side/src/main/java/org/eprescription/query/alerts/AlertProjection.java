package org.eprescription.query.alerts;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.eprescription.core.consent.ConsentGiven;
import org.eprescription.core.consent.ConsentWithdrawn;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.CheckTrigger;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.MedicationCourse;
import org.eprescription.core.interaction.RecordedAlert;
import org.eprescription.core.prescription.event.AlertAcknowledged;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.core.prescription.event.PrescriptionCancelled;
import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.eprescription.core.prescription.event.PrescriptionExpired;
import org.eprescription.core.record.event.DispensingRecordChecked;
import org.eprescription.query.alerts.store.AcknowledgementView;
import org.eprescription.query.alerts.store.AlertRepository;
import org.eprescription.query.alerts.store.BatchProgress;
import org.eprescription.query.alerts.store.StoredAlert;
import org.eprescription.query.support.BatchScope;
import org.eprescription.query.support.RecordedCourses;
import org.eprescription.query.support.WritesHeldForBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The medication list, the alerts and the patients' consent as the events recorded them (docs/alerts.md). It runs no
 * interaction rule and reads no catalogue: courses and alerts are copied from {@link InteractionCheckCompleted} (and a
 * registered dispensing's {@link DispensingRecordChecked}), so a
 * replay under any catalogue rebuilds exactly what was shown. What it decides itself follows from the events alone:
 * an alert resolves once its own line, or every course it conflicts with, has stopped.
 *
 * <p>The application runs it pooled and batched, sequenced per patient ({@link PatientSequencingPolicy}).
 * Idempotent under redelivery: {@code alert_progress} keeps the sequence number of the last event processed per
 * prescription, {@code record_alert_progress} per registered dispensing record, and an event at or below it is
 * skipped.
 */
@Component
@ProcessingGroup(AlertProjection.PROCESSING_GROUP)
public class AlertProjection {

    public static final String PROCESSING_GROUP = "medication-alerts";

    private static final Logger log = LoggerFactory.getLogger(AlertProjection.class);

    private final AlertRepository repository;
    private final AlertProgressUpdates progress;
    private final String batchKey = BatchScope.newKey(PROCESSING_GROUP);

    /** Live: rows through the store's bean, progress told to whoever waits on it ({@code progress}). */
    @Autowired
    public AlertProjection(AlertRepository repository, AlertProgressUpdates progress) {
        this.repository = repository;
        this.progress = progress;
    }

    private AlertProjection(AlertRepository store) {
        this.repository = store;
        this.progress = null;
    }

    /**
     * A projection for a replay: rows through {@code store} (a replay's, {@link AlertRepository#forReplay}), and no
     * progress announced: nobody waits on a replay's scratch tables.
     */
    public static AlertProjection forReplay(AlertRepository store) {
        return new AlertProjection(store);
    }

    // --- prescription events --------------------------------------------------------------------------------

    @EventHandler
    public void on(InteractionCheckCompleted event, @SequenceNumber long sequence) {
        process(event, sequence, event.patientId().value(), patient -> record(event));
    }

    @EventHandler
    public void on(PrescriptionCancelled event, @SequenceNumber long sequence,
                   @MetaDataValue(PrescriptionEvent.PATIENT_ID_METADATA) String patientId) {
        process(event, sequence, patientId, patient -> stop(event.prescriptionId(), patient, event.cancelledAt()));
    }

    @EventHandler
    public void on(PrescriptionExpired event, @SequenceNumber long sequence,
                   @MetaDataValue(PrescriptionEvent.PATIENT_ID_METADATA) String patientId) {
        process(event, sequence, patientId, patient -> stop(event.prescriptionId(), patient, event.expiredAt()));
    }

    @EventHandler
    public void on(AlertAcknowledged event, @SequenceNumber long sequence,
                   @MetaDataValue(PrescriptionEvent.PATIENT_ID_METADATA) String patientId) {
        process(event, sequence, patientId, patient -> acknowledge(event));
    }

    /**
     * Every other event of a prescription (issued, accepted, released, dispensed, refill scheduled, completed,
     * cancellation requested) changes nothing here but the progress: the courses come with the check recorded after.
     */
    @EventHandler
    @WritesHeldForBatch
    public void on(PrescriptionEvent event, @SequenceNumber long sequence) {
        recordProgress(event.prescriptionId(), sequence);
    }

    // --- registered dispensing records -----------------------------------------------------------------------

    /**
     * A registered dispensing's check (registration, correction, withdrawal): its courses and alerts as recorded, the
     * record's alerts it resolved, and then whatever its stopped courses resolve. A redelivered check is skipped by
     * the record's progress: raised again, its alerts would reopen what a later event of another aggregate (a
     * cancelled prescription) resolved.
     */
    @EventHandler
    public void on(DispensingRecordChecked event, @SequenceNumber long sequence) {
        if (!repository.advanceRecordProgress(event.recordId(), sequence)) {
            log.debug("dispensing record {}: check at sequence {} already processed, skipped", event.recordId(),
                    sequence);
            return;
        }
        // a record's courses are keyed by its revision: a correction records new ones (no alert names them yet) and
        // stops the earlier ones, so there is nothing to follow
        RecordedCourses.of(event).forEach(repository::saveCourse);
        for (RecordedAlert alert : event.alerts()) {
            repository.raiseAlert(StoredAlert.raised(event, alert));
        }
        event.resolvedAlerts().forEach(alertId -> repository.resolveAlert(alertId, event.checkedAt()));
        if (!event.alerts().isEmpty()
                || event.courses().stream().anyMatch(course -> course.status() == CourseStatus.STOPPED)) {
            resolveWhatStopped(event.patientId(), event.checkedAt());
        }
    }

    // --- consent events -------------------------------------------------------------------------------------

    @EventHandler
    public void on(ConsentGiven event, @SequenceNumber long sequence) {
        repository.saveConsent(event.patientId(), true, event.givenAt(), sequence);
    }

    @EventHandler
    public void on(ConsentWithdrawn event, @SequenceNumber long sequence) {
        repository.saveConsent(event.patientId(), false, event.withdrawnAt(), sequence);
    }

    // --- handling -------------------------------------------------------------------------------------------

    /**
     * Handles the event unless its prescription's progress shows it processed. Live, in a batch, the progress is the
     * batch's ({@link BatchProgress}): checked first and advanced only once the action succeeded, written with the
     * batch. Otherwise (a handler called directly; a replay, whose store holds progress itself) one statement decides
     * and records it before the action, in the event's savepoint.
     */
    private void process(PrescriptionEvent event, long sequence, String patientId, Consumer<PatientId> action) {
        PrescriptionId id = event.prescriptionId();
        Optional<BatchProgress> batch = batchProgress();
        boolean ahead = batch.isPresent() ? batch.get().isAhead(id, sequence) : repository.advanceProgress(id, sequence);
        if (!ahead) {
            log.debug("prescription {}: {} at sequence {} already processed, skipped",
                    id, event.getClass().getSimpleName(), sequence);
            return;
        }
        Optional<PatientId> patient = patientId != null ? Optional.of(PatientId.of(patientId)) : repository.patientOf(id);
        if (patient.isPresent()) {
            action.accept(patient.get());
        } else {
            log.warn("prescription {}: {} names no patient and no course is known; nothing to update",
                    id, event.getClass().getSimpleName());
        }
        batch.ifPresent(progress -> progress.advance(id, sequence));
        announceProgress(id, sequence);
    }

    private void recordProgress(PrescriptionId id, long sequence) {
        Optional<BatchProgress> batch = batchProgress();
        boolean ahead = batch.isPresent() ? batch.get().isAhead(id, sequence) : repository.advanceProgress(id, sequence);
        if (ahead) {
            batch.ifPresent(progress -> progress.advance(id, sequence));
            announceProgress(id, sequence);
        }
    }

    /** Live, the current batch's progress; empty in a replay or outside a batch. */
    private Optional<BatchProgress> batchProgress() {
        if (progress == null) {
            return Optional.empty();
        }
        return BatchScope.buffer(batchKey, repository::batchProgress);
    }

    /**
     * Tells whoever waits on this prescription how far its events are processed. The progress is recorded before the
     * event's changes, in the same batch transaction (and savepoint), so a failed event leaves neither. The waiters
     * hear of it only after the batch commits, and only that prescription's.
     */
    private void announceProgress(PrescriptionId id, long sequence) {
        if (progress == null) {
            return;
        }
        progress.tell(id, sequence);
    }

    /**
     * The check's courses as recorded; each alert raised, or reopened with the conflicts it names now. Then what is
     * stopped resolves: also an alert just raised whose conflicting courses another prescription's event stopped
     * before this one was processed (a cancellation committed after the check read its course, but stored before
     * it), so that the live order and a replay's agree.
     */
    private void record(InteractionCheckCompleted event) {
        List<MedicationCourse> courses = RecordedCourses.of(event);
        courses.forEach(repository::saveCourse);
        for (RecordedAlert alert : event.alerts()) {
            repository.raiseAlert(StoredAlert.raised(event, alert));
        }
        // an issue records courses no alert can name yet
        boolean mayBeNamed = event.trigger() != CheckTrigger.ISSUE;
        boolean mayResolve = !event.alerts().isEmpty()
                || event.courses().stream().anyMatch(course -> course.status() == CourseStatus.STOPPED);
        if (!mayBeNamed && !mayResolve) {
            return;
        }
        // one read for both: following changes an alert's periods, never the courses it names by key
        List<StoredAlert> open = repository.openAlertsOfPatient(event.patientId());
        if (mayBeNamed) {
            followCourses(open, courses);
        }
        if (mayResolve) {
            resolveWhatStopped(event.patientId(), event.checkedAt(), open);
        }
    }

    /**
     * The open alerts that name one of {@code courses} take its period as now recorded: a course planned at issue and
     * dispensed days later runs days longer, and the alerts that named it resolve only after its new last day
     * (docs/alerts.md, "Resolution follows the medicine").
     */
    private void followCourses(List<StoredAlert> open, List<MedicationCourse> courses) {
        Map<String, MedicationCourse> byKey = new HashMap<>();
        courses.forEach(course -> byKey.put(course.courseKey(), course));
        for (StoredAlert alert : open) {
            alert.followingCourses(byKey).ifPresent(repository::raiseAlert);
        }
    }

    /**
     * Cancelled or expired: its planned courses stop counting. Then (as after a use completed without some lines)
     * every open alert of the patient whose own courses
     * or whose conflicting courses have all stopped is resolved; a dispensed course runs on whatever happens to its
     * prescription, and so do the alerts that name it.
     */
    private void stop(PrescriptionId id, PatientId patient, Instant at) {
        repository.stopPlannedCourses(id);
        resolveWhatStopped(patient, at);
    }

    private void resolveWhatStopped(PatientId patient, Instant at) {
        resolveWhatStopped(patient, at, repository.openAlertsOfPatient(patient));
    }

    private void resolveWhatStopped(PatientId patient, Instant at, List<StoredAlert> open) {
        Map<String, CourseStatus> statuses = new HashMap<>();
        Map<String, Boolean> lineRuns = new HashMap<>();
        for (MedicationCourse course : repository.coursesOfPatient(patient)) {
            statuses.put(course.courseKey(), course.status());
            lineRuns.merge(course.source() + "|" + course.lineNumber(),
                    course.status() != CourseStatus.STOPPED, Boolean::logicalOr);
        }
        for (StoredAlert alert : open) {
            boolean ownLineStopped = !lineRuns.getOrDefault(alert.source() + "|" + alert.lineNumber(), true);
            boolean everyConflictStopped = !alert.conflicts().isEmpty() && alert.conflicts().stream()
                    .allMatch(conflict -> statuses.get(conflict.courseKey()) == CourseStatus.STOPPED);
            if (ownLineStopped || everyConflictStopped) {
                // never before it was raised
                repository.resolveAlert(alert.alertId(), alert.raisedAt().isAfter(at) ? alert.raisedAt() : at);
            }
        }
    }

    private void acknowledge(AlertAcknowledged event) {
        boolean known = repository.appendAcknowledgement(new AcknowledgementView(event.alertId(), event.reason(),
                event.acknowledgedBy(), event.acknowledgedAt(), event.conflictIds()));
        if (!known) {
            log.debug("prescription {}: acknowledgement of unknown alert {} ignored", event.prescriptionId(),
                    event.alertId());
        }
    }
}

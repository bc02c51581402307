package org.eprescription.query.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.eprescription.core.catalogue.Drug;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.consent.ConsentGiven;
import org.eprescription.core.consent.ConsentWithdrawn;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.CandidateLine;
import org.eprescription.core.interaction.CoursePeriod;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.Finding;
import org.eprescription.core.interaction.InteractionRules;
import org.eprescription.core.interaction.MedicationCourse;
import org.eprescription.core.prescription.AlertAcknowledgement;
import org.eprescription.core.prescription.DispensedItem;
import org.eprescription.core.prescription.Party;
import org.eprescription.core.prescription.PrescribedLine;
import org.eprescription.core.prescription.Prescription;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds the medication courses, the duplicate and interaction alerts and the patients' consent from events
 * (domain.md, "Duplicate and interaction alerts"). The application runs it pooled and batched, one transaction per
 * batch, sequenced per patient ({@link PatientSequencingPolicy}), so one patient's events come strictly in order and
 * two prescriptions issued at the same moment still alert on the later one.
 *
 * <p>Idempotent under redelivery: {@code alert_progress} keeps the sequence number of the last event processed per
 * prescription, and an event at or below it is skipped. Everything written derives from the events alone (dates from
 * event instants in the clock's zone, alert ids from what they link), so a reset and replay rebuild the same rows.
 */
@Component
@ProcessingGroup(AlertProjection.PROCESSING_GROUP)
public class AlertProjection {

    public static final String PROCESSING_GROUP = "medication-alerts";

    private static final Logger log = LoggerFactory.getLogger(AlertProjection.class);

    private final AlertStore repository;
    private final InteractionRules rules;
    private final DrugCatalogue catalogue;
    private final Clock clock;
    private final QueryUpdateEmitter emitter;

    @Autowired
    public AlertProjection(JdbcClient jdbc, ObjectMapper objectMapper, InteractionRules rules, DrugCatalogue catalogue,
                           Clock clock, QueryUpdateEmitter emitter) {
        this(new AlertRepository(jdbc, objectMapper), rules, catalogue, clock, emitter);
    }

    /** A projection for a replay: rows through {@code store}, progress only to {@code emitter}'s subscribers. */
    public AlertProjection(AlertReplayStore store, InteractionRules rules, DrugCatalogue catalogue, Clock clock,
                           QueryUpdateEmitter emitter) {
        this((AlertStore) store, rules, catalogue, clock, emitter);
    }

    private AlertProjection(AlertStore repository, InteractionRules rules, DrugCatalogue catalogue, Clock clock,
                            QueryUpdateEmitter emitter) {
        this.repository = repository;
        this.rules = rules;
        this.catalogue = catalogue;
        this.clock = clock;
        this.emitter = emitter;
    }

    // --- prescription events --------------------------------------------------------------------------------

    /** As {@link #process}, with the progress recorded and the courses to compare with read in one statement. */
    @EventHandler
    public void on(PrescriptionIssued event, @SequenceNumber long sequence) {
        PrescriptionId id = event.prescriptionId();
        PatientId patient = event.patient().id();
        PlannedIssue planned = plan(event, patient);
        Optional<List<MedicationCourse>> counting =
                repository.advanceProgressAndReadCourses(id, sequence, patient, planned.candidates());
        if (counting.isEmpty()) {
            log.debug("prescription {}: PrescriptionIssued at sequence {} already processed, skipped", id, sequence);
            return;
        }
        issue(event, patient, planned, counting.get());
        announceProgress(id, sequence);
    }

    @EventHandler
    public void on(PrescriptionDispensed event, @SequenceNumber long sequence,
                   @MetaDataValue(Prescription.PATIENT_ID_METADATA) String patientId) {
        process(event, sequence, patientId, patient -> dispense(event));
    }

    @EventHandler
    public void on(RefillScheduled event, @SequenceNumber long sequence,
                   @MetaDataValue(Prescription.PATIENT_ID_METADATA) String patientId) {
        process(event, sequence, patientId, patient -> scheduleRefill(event));
    }

    @EventHandler
    public void on(PrescriptionCancelled event, @SequenceNumber long sequence,
                   @MetaDataValue(Prescription.PATIENT_ID_METADATA) String patientId) {
        process(event, sequence, patientId, patient -> stop(event.prescriptionId(), patient, event.cancelledAt()));
    }

    @EventHandler
    public void on(PrescriptionExpired event, @SequenceNumber long sequence,
                   @MetaDataValue(Prescription.PATIENT_ID_METADATA) String patientId) {
        process(event, sequence, patientId, patient -> stop(event.prescriptionId(), patient, event.expiredAt()));
    }

    @EventHandler
    public void on(AlertAcknowledged event, @SequenceNumber long sequence,
                   @MetaDataValue(Prescription.PATIENT_ID_METADATA) String patientId) {
        process(event, sequence, patientId, patient -> acknowledge(event));
    }

    /** Changes nothing here but the progress, which the api waits on. */
    @EventHandler
    public void on(PrescriptionAccepted event, @SequenceNumber long sequence) {
        recordProgress(event.prescriptionId(), sequence);
    }

    @EventHandler
    public void on(PrescriptionReleased event, @SequenceNumber long sequence) {
        recordProgress(event.prescriptionId(), sequence);
    }

    @EventHandler
    public void on(PrescriptionCompleted event, @SequenceNumber long sequence) {
        recordProgress(event.prescriptionId(), sequence);
    }

    @EventHandler
    public void on(CancellationRequested event, @SequenceNumber long sequence) {
        recordProgress(event.prescriptionId(), sequence);
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

    /** Before a replay: everything is rebuilt from the first event, so nothing of the old rows may remain. */
    @ResetHandler
    public void reset() {
        repository.deleteAll();
    }

    // --- handling -------------------------------------------------------------------------------------------

    private void process(PrescriptionEvent event, long sequence, String patientId, Consumer<PatientId> action) {
        PrescriptionId id = event.prescriptionId();
        if (!repository.advanceProgress(id, sequence)) {
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
        announceProgress(id, sequence);
    }

    private void recordProgress(PrescriptionId id, long sequence) {
        if (repository.advanceProgress(id, sequence)) {
            announceProgress(id, sequence);
        }
    }

    /**
     * Tells whoever waits on this prescription (an issue's answer waits for its alerts) how far its events are
     * processed. The progress is recorded before the event's changes, in the same batch transaction (and savepoint),
     * so a failed event leaves neither. The emitter matches subscriptions only after the batch commits, so a waiter
     * that subscribes while the batch runs still hears of it, and only that prescription's waiters do.
     */
    private void announceProgress(PrescriptionId id, long sequence) {
        emitter.emit(FindAlertProgress.class, query -> query.prescriptionId().equals(id), sequence);
    }

    /** An issue's courses, one per line, and those of its lines the rules can check (drugs the catalogue has). */
    private record PlannedIssue(List<StoredCourse> courses, List<CandidateLine> candidates) {
    }

    private PlannedIssue plan(PrescriptionIssued event, PatientId patient) {
        PrescriptionId id = event.prescriptionId();
        LocalDate start = date(event.issuedAt());
        List<CandidateLine> candidates = new ArrayList<>();
        List<StoredCourse> courses = new ArrayList<>();
        for (PrescribedLine line : event.lines()) {
            Optional<Drug> drug = catalogue.find(line.drugCode());
            CoursePeriod period = CoursePeriod.of(start, Math.max(1, line.days()), drug.orElse(null));
            courses.add(new StoredCourse(new MedicationCourse(id, line.lineNumber(), 1, patient, line.drugCode(),
                    period.from(), period.to(), CourseStatus.PLANNED, event.prescriber().institutionId(),
                    event.prescriber().id()), line.drugCode(), line.days(), null));
            if (drug.isPresent()) {
                candidates.add(new CandidateLine(line.lineNumber(), line.drugCode(), period.from(), period.to()));
            } else {
                log.warn("prescription {} line {}: drug {} is not in the catalogue; not checked",
                        id, line.lineNumber(), line.drugCode());
            }
        }
        return new PlannedIssue(courses, candidates);
    }

    /** The planned courses saved, the rules against the patient's courses as they stood, one alert per finding. */
    private void issue(PrescriptionIssued event, PatientId patient, PlannedIssue planned,
                       List<MedicationCourse> counting) {
        PrescriptionId id = event.prescriptionId();
        List<Finding> findings = rules.check(id, patient, event.prescriber().institutionId(), event.prescriber().id(),
                planned.candidates(), counting);
        planned.courses().forEach(repository::saveCourse);

        Map<AlertId, List<AcknowledgementView>> acknowledged = new HashMap<>();
        Party prescriber = Party.prescriber(event.prescriber().id(), event.prescriber().institutionId());
        for (AlertAcknowledgement acknowledgement : Optional.ofNullable(event.acknowledgedAlerts()).orElse(List.of())) {
            acknowledged.computeIfAbsent(acknowledgement.alertId(), alertId -> new ArrayList<>())
                    .add(new AcknowledgementView(acknowledgement.alertId(), acknowledgement.reason(), prescriber,
                            event.issuedAt()));
        }
        for (Finding finding : findings) {
            repository.insertAlert(new StoredAlert(finding.alertId(), patient, id, finding.lineNumber(), finding.type(),
                    AlertView.OPEN, finding.drugCode(), finding.key(), finding.ingredient(),
                    event.prescriber().institutionId(), event.prescriber().id(),
                    finding.conflicts().stream().map(Conflict::of).toList(),
                    acknowledged.getOrDefault(finding.alertId(), List.of()), event.issuedAt(), null));
        }
    }

    /**
     * The course of (prescription, line, use) moves to the dispensing date and the dispensed drug; a later partial
     * dispensing of the same use extends its end if that is later.
     */
    private void dispense(PrescriptionDispensed event) {
        LocalDate day = date(event.dispensedAt());
        for (DispensedItem item : event.items()) {
            Optional<StoredCourse> found = repository.course(event.prescriptionId(), item.lineNumber(), event.use())
                    .or(() -> templateFor(event.prescriptionId(), item.lineNumber(), event.use()));
            if (found.isEmpty()) {
                log.warn("prescription {}: no course of line {} to dispense against", event.prescriptionId(),
                        item.lineNumber());
                continue;
            }
            StoredCourse stored = found.get();
            MedicationCourse course = stored.course();
            DrugCode drug = item.drugCode() != null ? item.drugCode() : stored.prescribedDrugCode();
            CoursePeriod period = CoursePeriod.of(day, Math.max(1, item.days()), catalogue.find(drug).orElse(null));
            MedicationCourse next;
            Instant dispensedAt;
            if (course.status() == CourseStatus.DISPENSED) {
                LocalDate end = period.to().isAfter(course.to()) ? period.to() : course.to();
                next = with(course, course.drugCode(), course.from(), end, CourseStatus.DISPENSED);
                dispensedAt = stored.dispensedAt();
            } else {
                next = with(course, drug, period.from(), period.to(), CourseStatus.DISPENSED);
                dispensedAt = event.dispensedAt();
            }
            repository.saveCourse(new StoredCourse(next, stored.prescribedDrugCode(), stored.prescribedDays(),
                    dispensedAt));
        }
    }

    /** A course for a use that has none yet (a dispensing the projection saw no plan for), from another use's line. */
    private Optional<StoredCourse> templateFor(PrescriptionId id, int lineNumber, int use) {
        return repository.coursesOfPrescription(id).stream()
                .filter(stored -> stored.course().lineNumber() == lineNumber)
                .findFirst()
                .map(stored -> new StoredCourse(new MedicationCourse(id, lineNumber, use, stored.course().patientId(),
                        stored.prescribedDrugCode(), stored.course().from(), stored.course().to(),
                        CourseStatus.PLANNED, stored.course().institutionId(), stored.course().prescriberId()),
                        stored.prescribedDrugCode(), stored.prescribedDays(), null));
    }

    /** Each line gets a planned course for the refill use, from the planned day, with the prescribed drug and days. */
    private void scheduleRefill(RefillScheduled event) {
        Map<Integer, StoredCourse> lines = new LinkedHashMap<>();
        for (StoredCourse stored : repository.coursesOfPrescription(event.prescriptionId())) {
            lines.putIfAbsent(stored.course().lineNumber(), stored);
        }
        for (StoredCourse line : lines.values()) {
            if (repository.course(event.prescriptionId(), line.course().lineNumber(), event.use()).isPresent()) {
                continue;
            }
            Drug drug = catalogue.find(line.prescribedDrugCode()).orElse(null);
            CoursePeriod period = CoursePeriod.of(event.plannedDate(), Math.max(1, line.prescribedDays()), drug);
            MedicationCourse course = new MedicationCourse(event.prescriptionId(), line.course().lineNumber(),
                    event.use(), line.course().patientId(), line.prescribedDrugCode(), period.from(), period.to(),
                    CourseStatus.PLANNED, line.course().institutionId(), line.course().prescriberId());
            repository.saveCourse(new StoredCourse(course, line.prescribedDrugCode(), line.prescribedDays(), null));
        }
    }

    /**
     * Cancelled or expired: its planned courses stop counting, its own alerts are resolved, and so is any other open
     * alert of the patient whose conflicting courses have all stopped.
     */
    private void stop(PrescriptionId id, PatientId patient, Instant at) {
        repository.stopPlannedCourses(id);
        repository.resolveAlertsOfPrescription(id, at);
        Map<String, CourseStatus> statuses = new HashMap<>();
        for (StoredCourse stored : repository.coursesOfPatient(patient)) {
            MedicationCourse course = stored.course();
            statuses.put(courseKey(course.prescriptionId(), course.lineNumber(), course.use()), course.status());
        }
        for (StoredAlert alert : repository.openAlertsOfPatient(patient)) {
            boolean allStopped = !alert.conflicts().isEmpty() && alert.conflicts().stream()
                    .allMatch(conflict -> statuses.get(courseKey(conflict.prescriptionId(), conflict.lineNumber(),
                            conflict.use())) == CourseStatus.STOPPED);
            if (allStopped) {
                repository.resolveAlert(alert.alertId(), at);
            }
        }
    }

    private void acknowledge(AlertAcknowledged event) {
        boolean known = repository.appendAcknowledgement(new AcknowledgementView(event.alertId(), event.reason(),
                event.acknowledgedBy(), event.acknowledgedAt()));
        if (!known) {
            log.debug("prescription {}: acknowledgement of unknown alert {} ignored", event.prescriptionId(),
                    event.alertId());
        }
    }

    private LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, clock.getZone());
    }

    private static MedicationCourse with(MedicationCourse course, DrugCode drug, LocalDate from, LocalDate to,
                                         CourseStatus status) {
        return new MedicationCourse(course.prescriptionId(), course.lineNumber(), course.use(), course.patientId(),
                drug, from, to, status, course.institutionId(), course.prescriberId());
    }

    private static String courseKey(PrescriptionId id, int line, int use) {
        return id + "|" + line + "|" + use;
    }
}

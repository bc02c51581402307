package org.eprescription.core.record;

import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.catalogue.DrugDescription;
import org.eprescription.core.catalogue.DrugDescriptions;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.interaction.CheckResult;
import org.eprescription.core.interaction.CheckTrigger;
import org.eprescription.core.interaction.CoursePeriod;
import org.eprescription.core.interaction.CourseSource;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.InteractionChecker;
import org.eprescription.core.interaction.RecordedAlert;
import org.eprescription.core.interaction.RecordedCourse;
import org.eprescription.core.ids.Party;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.core.refusal.PrescriptionRefusedException;
import org.eprescription.core.refusal.Refusal;
import org.eprescription.core.record.command.CorrectDispensingRecord;
import org.eprescription.core.record.command.RegisterDispensing;
import org.eprescription.core.record.command.WithdrawDispensingRecord;
import org.eprescription.core.record.event.DispensingRecordChecked;
import org.eprescription.core.record.event.DispensingRecordCorrected;
import org.eprescription.core.record.event.DispensingRecordWithdrawn;
import org.eprescription.core.record.event.DispensingRegistered;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A dispensing made without an electronic prescription (a paper prescription at a pharmacy, in-hospital dispensing
 * at an institution), registered so that the duplicate check sees all of the patient's medicine (docs/alerts.md,
 * "Registered dispensings"). It is checked like a dispensing: the interaction check runs inside the command against
 * the patient's other courses and is recorded as {@link DispensingRecordChecked}. The registering party may correct
 * or withdraw it on the day of the dispensing only.
 */
public class DispensingRecord {

    @AggregateIdentifier
    private DispensingRecordId recordId;
    private PatientDetails patient;
    private Party registeredBy;
    private InstitutionId prescribingInstitutionId;
    private List<RecordItem> items;
    /** The items as registered: a retried registration must name these. */
    private List<RecordItem> registeredItems;
    private LocalDate dispensedOn;
    private Instant registeredAt;
    private DispensingRecordStatus status;
    private int revision;
    /** The check of the current revision (or of the withdrawal): what a retried registration answers with. */
    private DispensingRecordChecked lastCheck;
    /** The courses of the current revision, as the last check recorded them. */
    private List<RecordedCourse> courses = List.of();
    /** The alerts this record raised that no later check of it resolved. */
    private final Set<AlertId> openAlerts = new LinkedHashSet<>();
    /** How the current items' drugs were described; null when their event did not record it (an older revision). */
    private DrugDescriptions itemDrugs;
    /** How this record's events described each drug they named (docs/architecture.md, "Reference data"). */
    private final Map<DrugCode, DrugDescription> described = new HashMap<>();

    protected DispensingRecord() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public RecordOutcome handle(RegisterDispensing command, DrugCatalogue catalogue, InteractionChecker checker,
                                Clock clock) {
        if (recordId != null) {
            return answerRetriedRegistration(command);
        }
        RecordRules.check(command.items(), catalogue);
        Instant now = clock.instant();
        LocalDate today = dayOf(now, clock);
        apply(new DispensingRegistered(command.recordId(), command.patient(), command.registeredBy(),
                command.prescribingInstitutionId(), command.items(), today, now,
                DrugDescriptions.of(command.items().stream().map(RecordItem::drugCode).toList(), catalogue)),
                metaData(command.patient().id()));
        DispensingRecordChecked check = null;
        if (checker.enabled()) {
            List<RecordedCourse> dispensed = dispensedCourses(1, catalogue);
            check = recordCheck(checker, CheckTrigger.RECORD_REGISTRATION, dispensed,
                    checker.check(CourseSource.of(recordId, 1), patient.id(), courseInstitution(), coursePrescriber(),
                            dispensed, false), checker.catalogueVersion(), now);
        }
        return new RecordOutcome(version(), state(), check, false);
    }

    private RecordOutcome answerRetriedRegistration(RegisterDispensing command) {
        boolean sameRequest = command.patient().equals(patient)
                && command.registeredBy().equals(registeredBy)
                && Objects.equals(command.prescribingInstitutionId(), prescribingInstitutionId)
                && command.items().equals(registeredItems);
        if (!sameRequest) {
            throw refused(Refusal.DIFFERENT_RECORD_UNDER_SAME_ID,
                    "dispensing record " + recordId.asString() + " was already registered with different content");
        }
        // the record as it is now, with the check of that revision: the items and the alerts shown go together
        return new RecordOutcome(version(), state(), lastCheck, true);
    }

    @CommandHandler
    public RecordOutcome handle(CorrectDispensingRecord command, DrugCatalogue catalogue, InteractionChecker checker,
                                Clock clock) {
        Instant now = clock.instant();
        LocalDate today = dayOf(now, clock);
        requireCorrectableBy(command.correctedBy(), today);
        RecordRules.check(command.items(), catalogue);
        List<RecordedCourse> replaced = stopped(courses);
        apply(new DispensingRecordCorrected(recordId, patient.id(), command.correctedBy(), command.reason(),
                command.items(), revision + 1, today, now,
                DrugDescriptions.of(command.items().stream().map(RecordItem::drugCode).toList(), catalogue)),
                metaData(patient.id()));
        DispensingRecordChecked check = null;
        if (checker.enabled()) {
            List<RecordedCourse> dispensed = dispensedCourses(revision, catalogue);
            List<RecordedCourse> recorded = new ArrayList<>(replaced);
            recorded.addAll(dispensed);
            check = recordCheck(checker, CheckTrigger.RECORD_CORRECTION, recorded,
                    checker.check(CourseSource.of(recordId, revision), patient.id(), courseInstitution(),
                            coursePrescriber(), dispensed, false), checker.catalogueVersion(), now);
        }
        return new RecordOutcome(version(), state(), check, false);
    }

    @CommandHandler
    public RecordOutcome handle(WithdrawDispensingRecord command, InteractionChecker checker, Clock clock) {
        Instant now = clock.instant();
        LocalDate today = dayOf(now, clock);
        requireCorrectableBy(command.withdrawnBy(), today);
        List<RecordedCourse> withdrawn = stopped(courses);
        apply(new DispensingRecordWithdrawn(recordId, patient.id(), command.withdrawnBy(), command.reason(),
                today, now), metaData(patient.id()));
        DispensingRecordChecked check = null;
        if (checker.enabled()) {
            check = recordCheck(checker, CheckTrigger.RECORD_WITHDRAWAL, withdrawn, CheckResult.NOTHING, checker.catalogueVersion(),
                    now);
        }
        return new RecordOutcome(version(), state(), check, false);
    }

    /**
     * The same organisation (pharmacy or institution) that registered, any of its people; a record not withdrawn;
     * the day of the dispensing, in the exchange's zone.
     */
    private void requireCorrectableBy(Party party, LocalDate today) {
        if (party.role() != registeredBy.role() || !party.organisationId().equals(registeredBy.organisationId())) {
            throw refused(Refusal.NOT_THE_REGISTERING_PARTY,
                    "only the pharmacy or institution that registered the dispensing may correct it");
        }
        if (status == DispensingRecordStatus.WITHDRAWN) {
            throw refused(Refusal.RECORD_WITHDRAWN, "the registered dispensing was withdrawn");
        }
        if (!today.equals(dispensedOn)) {
            throw refused(Refusal.RECORD_CORRECTION_CLOSED, "a registered dispensing can be corrected on the day "
                    + "it was dispensed only (" + dispensedOn + "), not on " + today);
        }
    }

    /** Each item as a course of {@code revision} from the day of the dispensing, for its days. */
    private List<RecordedCourse> dispensedCourses(int ofRevision, DrugCatalogue catalogue) {
        List<RecordedCourse> dispensed = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            RecordItem item = items.get(i);
            CoursePeriod period = CoursePeriod.of(dispensedOn, item.days(), catalogue.find(item.drugCode())
                    .orElse(null), item.asNeeded());
            dispensed.add(new RecordedCourse(i + 1, ofRevision, item.drugCode(), period.from(), period.to(),
                    CourseStatus.DISPENSED));
        }
        return dispensed;
    }

    private static List<RecordedCourse> stopped(List<RecordedCourse> running) {
        return running.stream()
                .map(course -> new RecordedCourse(course.lineNumber(), course.use(), course.drugCode(),
                        course.from(), course.to(), CourseStatus.STOPPED))
                .toList();
    }

    /** Records the check: its courses, the alerts it found, and the record's earlier alerts that no longer hold. */
    private DispensingRecordChecked recordCheck(InteractionChecker checker, CheckTrigger trigger,
                                                List<RecordedCourse> recorded, CheckResult found,
                                                String catalogueVersion, Instant now) {
        DispensingRecordChecked check = new DispensingRecordChecked(recordId, patient.id(), courseInstitution(),
                coursePrescriber(), registeredBy, trigger, recorded, found.alerts(), found.unknownDrugCodes(),
                found.unchecked(), trigger == CheckTrigger.RECORD_REGISTRATION ? List.of() : List.copyOf(openAlerts), catalogueVersion,
                now).describing(checker.describe(recorded.stream().map(RecordedCourse::drugCode).toList(), described));
        apply(check, metaData(patient.id()));
        return check;
    }

    /** The institution whose courses these are: the prescribing one if named, else an institution that registered. */
    private InstitutionId courseInstitution() {
        if (prescribingInstitutionId != null) {
            return prescribingInstitutionId;
        }
        return registeredBy.role() == Party.Role.PRESCRIBER ? InstitutionId.of(registeredBy.organisationId()) : null;
    }

    private PrescriberId coursePrescriber() {
        return registeredBy.role() == Party.Role.PRESCRIBER ? PrescriberId.of(registeredBy.personId()) : null;
    }

    /** The record as it is, with the check of its current revision (or of its withdrawal): what a read shows. */
    public RecordOutcome current() {
        return new RecordOutcome(version(), state(), lastCheck, false);
    }

    private DispensingRecordState state() {
        return new DispensingRecordState(recordId, patient.id(), registeredBy, prescribingInstitutionId, dispensedOn,
                status, revision, items, registeredAt, itemDrugs);
    }

    @EventSourcingHandler
    void on(DispensingRegistered event) {
        recordId = event.recordId();
        patient = event.patient();
        registeredBy = event.registeredBy();
        prescribingInstitutionId = event.prescribingInstitutionId();
        items = event.items();
        registeredItems = event.items();
        dispensedOn = event.dispensedOn();
        registeredAt = event.registeredAt();
        status = DispensingRecordStatus.REGISTERED;
        revision = 1;
        describedBy(event.drugs());
    }

    @EventSourcingHandler
    void on(DispensingRecordCorrected event) {
        items = event.items();
        revision = event.revision();
        status = DispensingRecordStatus.CORRECTED;
        describedBy(event.drugs());
    }

    private void describedBy(DrugDescriptions drugs) {
        itemDrugs = drugs;
        if (drugs != null) {
            drugs.addTo(described);
        }
    }

    @EventSourcingHandler
    void on(DispensingRecordWithdrawn event) {
        items = List.of();
        status = DispensingRecordStatus.WITHDRAWN;
    }

    @EventSourcingHandler
    void on(DispensingRecordChecked event) {
        courses = event.courses().stream().filter(course -> course.status() != CourseStatus.STOPPED).toList();
        event.resolvedAlerts().forEach(openAlerts::remove);
        event.alerts().forEach(alert -> openAlerts.add(alert.alertId()));
        lastCheck = event;
    }

    /** Every event names its patient in metadata, as a prescription's do, so projections keep one patient in order. */
    private static MetaData metaData(PatientId patientId) {
        return MetaData.with(PrescriptionEvent.PATIENT_ID_METADATA, patientId.value());
    }

    /** The day of {@code now} in the exchange's zone: a handler reads the clock once (docs/domain.md, "Days"). */
    private static LocalDate dayOf(Instant now, Clock clock) {
        return LocalDate.ofInstant(now, clock.getZone());
    }

    private static long version() {
        Long version = AggregateLifecycle.getVersion();
        return version == null ? 0 : version;
    }

    private static PrescriptionRefusedException refused(Refusal refusal, String detail) {
        return new PrescriptionRefusedException(refusal, detail);
    }
}

package org.eprescription.query.alerts.query;

import lombok.RequiredArgsConstructor;
import org.axonframework.queryhandling.QueryHandler;
import org.eprescription.core.catalogue.Drug;
import org.eprescription.core.catalogue.DrugDescription;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.prescription.ValidUntilHorizon;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.CandidateLine;
import org.eprescription.core.interaction.CoursePeriod;
import org.eprescription.core.interaction.CourseSource;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.Finding;
import org.eprescription.core.interaction.InteractionRules;
import org.eprescription.core.interaction.MedicationCourse;
import org.eprescription.core.interaction.UncheckedCourses;
import org.eprescription.core.ids.Party;
import org.eprescription.core.refusal.PrescriptionRefusedException;
import org.eprescription.core.refusal.Refusal;
import org.eprescription.core.prescription.LineNumbers;
import org.eprescription.core.prescription.LineUnits;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.core.record.event.DispensingRecordChecked;
import org.eprescription.query.alerts.store.AcknowledgementView;
import org.eprescription.query.alerts.store.AlertRepository;
import org.eprescription.query.consent.ConsentRecordRepository;
import org.eprescription.query.alerts.store.Conflict;
import org.eprescription.query.alerts.store.StoredAlert;
import org.eprescription.query.courses.CourseRecordRepository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Answers the alert, medication list and duplicate-check queries from the tables the alert projection builds; never
 * touches events or commands. Consent is applied here, when answering: without it a conflict from another institution
 * names neither institution nor prescriber.
 */
@Component
@RequiredArgsConstructor
public class AlertQueries {

    private final AlertRepository repository;
    private final CourseRecordRepository courseRecord;
    private final ConsentRecordRepository consent;
    private final InteractionRules rules;
    private final DrugCatalogue catalogue;
    private final Clock clock;
    private final DraftReads draftReads;
    private final ValidUntilHorizon horizon;

    /** As the prescription's own institution (and those who hold it) may see them. */
    @QueryHandler
    public List<AlertView> handle(FindAlertsForPrescription query) {
        return viewsFor(query.prescriptionId(), repository.alertsOfPrescription(query.prescriptionId()));
    }

    /** The open alerts linking each of these prescriptions (a queue's, a list's), under every one they link. */
    @QueryHandler
    public Map<PrescriptionId, List<AlertView>> handle(FindOpenAlertsForPrescriptions query) {
        Map<PrescriptionId, List<AlertView>> views = new LinkedHashMap<>();
        LocalDate today = LocalDate.now(clock);
        repository.openAlertsOfPrescriptions(query.prescriptionIds()).forEach((id, alerts) -> {
            List<StoredAlert> open = alerts.stream().map(alert -> alert.asOf(today)).filter(StoredAlert::isOpen)
                    .toList();
            if (!open.isEmpty()) {
                views.put(id, viewsFor(id, open));
            }
        });
        return views;
    }

    /** Those the reader may see, named as the reader may see them. */
    @QueryHandler
    public List<AlertView> handle(FindAlertsForPatient query) {
        AlertReader reader = query.reader();
        Map<PatientId, Boolean> sharing = new HashMap<>();
        LocalDate today = LocalDate.now(clock);
        return repository.alertsOfPatient(query.patientId()).stream()
                .filter(reader::sees)
                .map(alert -> alert.asOf(today))
                .map(alert -> AlertView.of(alert,
                        sharing.computeIfAbsent(alert.patientId(), consent::sharingAllowed),
                        reader.named(alert), reader.namedRecords(alert)))
                .toList();
    }

    /**
     * The dispensing records of the patient that a pharmacy ({@code role} PHARMACIST) or institution (PRESCRIBER)
     * registered: their alerts are the registering party's to see. Not a query handler: the api asks it when it decides
     * who reads a patient's alerts.
     */
    public Set<DispensingRecordId> recordsRegisteredBy(PatientId patientId, Party.Role role, String organisation) {
        return repository.recordsRegisteredBy(patientId, role, organisation);
    }

    /**
     * The draft's lines against the recorded courses, as the issue's own check would compare them (without the lock an
     * issue takes); writes nothing. Without a care relationship (the query's, or the patient's consent) the answer
     * says which lines conflict and how, and nothing of the patient's medication (docs/alerts.md, "Privacy").
     */
    @QueryHandler
    public DraftAlerts handle(CheckDuplicates query) {
        return check(query, query::careRelationship);
    }

    /**
     * As {@link #handle(CheckDuplicates)}, asking for the patient's consent only when something conflicts or could
     * not be compared, and {@code careRelationship} only when it matters: then, and the patient has not consented.
     */
    public DraftAlerts check(CheckDuplicates query, BooleanSupplier careRelationship) {
        Draft draft = draft(query);
        return answer(draft, courseRecord.read(query.patientId(), draft.earliest()),
                courseRecord.uncheckedSince(query.patientId(), draft.earliest()),
                () -> consent.sharingAllowed(query.patientId()), careRelationship);
    }

    /**
     * As {@link #handle(CheckDuplicates)} for {@code caller}, reading the courses, the consent and the caller's care
     * for the patient in one statement ({@link DraftReads}). Not a query handler: the api's draft check, which
     * answers every keystroke of an EHR's draft.
     */
    public DraftAlerts check(CheckDuplicates query, CareParties caller) {
        Draft draft = draft(query);
        DraftReading reading = draftReads.read(query.patientId(), draft.earliest(), caller);
        return answer(draft, reading.courses(), reading.unchecked(), reading::sharingAllowed,
                reading::careRelationship);
    }

    private record Draft(CheckDuplicates query, PrescriptionId prescriptionId, List<CandidateLine> lines,
                         LocalDate earliest) {
    }

    private Draft draft(CheckDuplicates query) {
        // the rules key a draft's drugs by line number: a number used twice would hide one of the lines
        LineNumbers.requireValid(query.lines().stream().map(DraftLine::lineNumber).toList());
        LocalDate today = LocalDate.now(clock);
        LocalDate start = query.startDate() != null ? query.startDate() : today;
        horizon.requireDraftStart(start, today);
        PrescriptionId prescriptionId = query.prescriptionId() != null ? query.prescriptionId() : PrescriptionId.random();
        List<CandidateLine> lines = new ArrayList<>();
        for (DraftLine line : query.lines()) {
            Drug drug = catalogue.find(line.drugCode()).orElseThrow(() -> new PrescriptionRefusedException(
                    Refusal.UNKNOWN_DRUG, "unknown drug code " + line.drugCode()));
            if (line.unit() != null) {
                // refused as its issue would be (docs/domain.md, "A prescription")
                LineUnits.requireDrugsUnit(line.lineNumber(), line.unit(), drug);
            }
            CoursePeriod period = CoursePeriod.of(start, line.days(), drug, line.asNeeded());
            lines.add(new CandidateLine(line.lineNumber(), line.drugCode(), period.from(), period.to()));
        }
        LocalDate earliest = lines.stream().map(CandidateLine::from).min(Comparator.naturalOrder()).orElse(start);
        return new Draft(query, prescriptionId, lines, earliest);
    }

    private DraftAlerts answer(Draft draft, List<MedicationCourse> courses, UncheckedCourses unchecked,
                               BooleanSupplier sharingAllowed, BooleanSupplier careRelationship) {
        // a draft with the intended id of a prescription already issued is not checked against itself
        UncheckedCourses others = unchecked.without(CourseSource.of(draft.prescriptionId()));
        List<Finding> findings = rules.check(draft.prescriptionId(), draft.query().patientId(), null, null,
                draft.lines(), courses);
        List<DrugCode> unknown = rules.unknownDrugCodes(CourseSource.of(draft.prescriptionId()), draft.lines(),
                courses);
        String version = rules.catalogue().version();
        if (findings.isEmpty() && unknown.isEmpty() && others.isEmpty()) {
            return new DraftAlerts(List.of(), true, List.of(), UncheckedCourses.NONE, version);
        }
        boolean sharing = sharingAllowed.getAsBoolean();
        boolean mayKnow = sharing || careRelationship.getAsBoolean();
        return new DraftAlerts(alerts(draft, findings, sharing, mayKnow), unknown.isEmpty() && others.isEmpty(),
                mayKnow ? unknown : List.of(), mayKnow ? others : UncheckedCourses.NONE, version);
    }

    private List<AlertView> alerts(Draft draft, List<Finding> findings, boolean sharing, boolean mayKnow) {
        PrescriptionId prescriptionId = draft.prescriptionId();
        if (!mayKnow) {
            // no alert id either: derived from the line, type and ingredient or pair, it would name what the patient
            // takes to whoever computes the ids of the few candidates (docs/alerts.md, "Privacy")
            return findings.stream()
                    .map(finding -> new AlertView(null, finding.type(), finding.severity(),
                            AlertView.OPEN, prescriptionId, finding.lineNumber(), finding.drugCode(), null, null,
                            draftConflicts(finding, prescriptionId, true, false), List.of(), false,
                            clock.instant()))
                    .toList();
        }
        return findings.stream()
                .map(finding -> new AlertView(finding.alertId(), finding.type(), finding.severity(), AlertView.OPEN,
                        prescriptionId, finding.lineNumber(), finding.drugCode(), finding.ingredient(), finding.key(),
                        draftConflicts(finding, prescriptionId, false, sharing), List.of(), false, clock.instant()))
                .toList();
    }

    /**
     * A finding's conflicts as the draft's caller may see them: a clash with another line of the draft itself names
     * that line, never masked (it is the caller's own draft, not the patient's medication); the patient's courses
     * are masked without consent, and left out altogether with {@code ownLinesOnly}.
     */
    private List<Conflict> draftConflicts(Finding finding, PrescriptionId draftId, boolean ownLinesOnly,
                                          boolean sharing) {
        AlertId alertId = ownLinesOnly ? null : finding.alertId();
        List<Conflict> conflicts = new ArrayList<>();
        for (MedicationCourse course : finding.conflicts()) {
            boolean ownLine = draftId.equals(course.prescriptionId());
            if (ownLine || !ownLinesOnly) {
                Conflict conflict = Conflict.of(course, finding.drugCode());
                conflict = alertId == null ? conflict : conflict.identified(alertId, null);
                conflicts.add(ownLine || sharing ? conflict : conflict.masked());
            }
        }
        return conflicts;
    }

    @QueryHandler
    public MedicationList handle(FindMedicationList query) {
        List<CourseView> current = new ArrayList<>();
        List<CourseView> past = new ArrayList<>();
        for (MedicationCourse course : repository.coursesOfPatient(query.patientId())) {
            boolean isCurrent = course.status() != CourseStatus.STOPPED && !course.to().isBefore(query.today());
            (isCurrent ? current : past).add(view(course));
        }
        Comparator<CourseView> byStart = Comparator.comparing(CourseView::from)
                .thenComparing(course -> course.prescriptionId() != null ? course.prescriptionId().asString()
                        : course.dispensingRecordId().asString())
                .thenComparingInt(CourseView::lineNumber)
                .thenComparingInt(CourseView::use);
        current.sort(byStart);
        past.sort(byStart.reversed());
        return new MedicationList(query.patientId(), current, past, consent.sharingAllowed(query.patientId()));
    }

    /**
     * The alerts a command's check recorded, as a query would show them once projected: open, with the patient's
     * consent applied and the acknowledgements given. Not a query handler: what an issue or a dispensing answers,
     * from its own events rather than from the projection, which may still be behind.
     */
    public List<AlertView> recordedViews(InteractionCheckCompleted check, Map<AlertId, List<AcknowledgementView>> acks) {
        if (check.alerts().isEmpty()) {
            return List.of();
        }
        boolean sharing = consent.sharingAllowed(check.patientId());
        return check.alerts().stream()
                .map(alert -> AlertView.of(StoredAlert.raised(check, alert)
                        .withAcknowledgements(acks.getOrDefault(alert.alertId(), List.of())), sharing))
                .toList();
    }

    /**
     * The alerts a registered dispensing's check recorded, as the registering party sees them: open, its own side
     * named, the other sides masked unless the patient consented. What a registration or correction answers. Only an
     * institution that registered names its own courses: the prescribing institution a pharmacy names is its word,
     * not a care relationship, so it unmasks nothing.
     */
    public List<AlertView> recordedViews(DispensingRecordChecked check) {
        if (check.alerts().isEmpty()) {
            return List.of();
        }
        boolean sharing = consent.sharingAllowed(check.patientId());
        Party registeredBy = check.registeredBy();
        Set<InstitutionId> named = registeredBy.role() == Party.Role.PRESCRIBER
                ? Set.of(InstitutionId.of(registeredBy.organisationId())) : Set.of();
        return check.alerts().stream()
                .map(alert -> AlertView.of(StoredAlert.raised(check, alert), sharing, named, Set.of(check.recordId())))
                .toList();
    }

    @QueryHandler
    public Long handle(FindAlertProgress query) {
        return repository.progress(query.prescriptionId());
    }

    private List<AlertView> viewsFor(PrescriptionId prescriptionId, List<StoredAlert> alerts) {
        Map<PatientId, Boolean> sharing = new HashMap<>();
        LocalDate today = LocalDate.now(clock);
        return alerts.stream()
                .map(alert -> alert.asOf(today))
                .map(alert -> {
                    InstitutionId institution = alert.institutionOf(prescriptionId);
                    return AlertView.of(alert, sharing.computeIfAbsent(alert.patientId(), consent::sharingAllowed),
                            institution == null ? Set.of() : Set.of(institution));
                })
                .toList();
    }

    /**
     * A course as the list shows it: its drug as the check that recorded it described it, or, when nothing was
     * recorded (a check of an older revision), as the catalogue the exchange runs with describes it.
     */
    private CourseView view(MedicationCourse course) {
        Optional<DrugDescription> drug = course.drug() != null ? Optional.of(course.drug())
                : catalogue.find(course.drugCode()).map(DrugDescription::of);
        return new CourseView(course.prescriptionId(), course.lineNumber(), course.use(), course.drugCode(),
                drug.map(DrugDescription::name).orElse(null),
                drug.map(DrugDescription::ingredients).orElse(List.of()),
                drug.map(DrugDescription::route).orElse(null), course.from(), course.to(), course.status(),
                course.institutionId(), course.prescriberId(), course.dispensingRecordId(), course.registeredBy());
    }
}

package org.eprescription.query.alerts;

import org.eprescription.query.alerts.store.AcknowledgementView;
import org.eprescription.query.alerts.store.AlertRepository;
import org.eprescription.query.alerts.store.Conflict;
import org.eprescription.query.alerts.query.AlertQueries;
import org.eprescription.query.alerts.query.DraftReads;
import org.eprescription.query.alerts.query.AlertReader;
import org.eprescription.query.alerts.query.AlertView;
import org.eprescription.query.alerts.query.CourseView;
import org.eprescription.query.alerts.query.MedicationList;
import org.eprescription.query.alerts.query.CheckDuplicates;
import org.eprescription.query.alerts.query.DraftAlerts;
import org.eprescription.query.alerts.query.DraftLine;
import org.eprescription.query.alerts.query.FindAlertProgress;
import org.eprescription.query.alerts.query.FindAlertsForPatient;
import org.eprescription.query.alerts.query.FindAlertsForPrescription;
import org.eprescription.query.alerts.query.FindMedicationList;

import org.axonframework.eventhandling.EventMessage;
import org.eprescription.core.catalogue.Route;
import org.eprescription.core.consent.ConsentGiven;
import org.eprescription.core.consent.ConsentWithdrawn;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.AlertIds;
import org.eprescription.core.interaction.AlertType;
import org.eprescription.core.record.event.DispensingRecordChecked;
import org.eprescription.core.interaction.CheckTrigger;
import org.eprescription.core.interaction.CourseSource;
import org.eprescription.core.interaction.CoursePeriod;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.InteractionChecker;
import org.eprescription.core.interaction.InteractionRules;
import org.eprescription.core.interaction.RecordedAlert;
import org.eprescription.core.interaction.RecordedCourse;
import org.eprescription.core.interaction.Severity;
import org.eprescription.core.prescription.AlertAcknowledgement;
import org.eprescription.core.prescription.DispensedItem;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.Party;
import org.eprescription.core.prescription.PrescribedLine;
import org.eprescription.core.prescription.ValidUntilHorizon;
import org.eprescription.core.prescription.event.AlertAcknowledged;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.core.prescription.event.PrescriptionAccepted;
import org.eprescription.core.prescription.event.PrescriptionCancelled;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.eprescription.core.prescription.event.PrescriptionExpired;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.eprescription.query.consent.ConsentChanges;
import org.eprescription.query.consent.ConsentRecordProjection;
import org.eprescription.query.consent.ConsentRecordRepository;
import org.eprescription.query.courses.CourseRecordProjection;
import org.eprescription.query.courses.CourseRecordRepository;
import org.eprescription.query.courses.UncheckedCourseRepository;
import org.eprescription.core.interaction.PatientCourses;
import org.eprescription.core.interaction.MedicationCourse;
import org.eprescription.core.interaction.UncheckedCourses;
import org.eprescription.query.testsupport.TestDatabase;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.eprescription.query.alerts.AlertEvents.ack;
import static org.eprescription.query.alerts.AlertEvents.issued;
import static org.eprescription.query.alerts.AlertEvents.line;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_BRAND_A;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_GENERIC_C;
import static org.eprescription.core.testsupport.SampleDrugs.CATALOGUE;
import static org.eprescription.core.testsupport.SampleDrugs.ITRACONAZOLE;
import static org.eprescription.core.testsupport.SampleDrugs.METFORMIN;
import static org.eprescription.core.testsupport.SampleDrugs.NOT_IN_CATALOGUE;
import static org.eprescription.core.testsupport.SampleDrugs.TRIAZOLAM;
import static org.eprescription.core.testsupport.SampleDrugs.ZOLPIDEM_5;
import static org.eprescription.core.testsupport.SampleDrugs.ZOLPIDEM_5_GENERIC;
import static org.eprescription.query.prescription.PrescriptionFixtures.DOCTOR;
import static org.eprescription.query.prescription.PrescriptionFixtures.HOSPITAL;
import static org.eprescription.query.prescription.PrescriptionFixtures.PHARMACIST;
import static org.eprescription.query.prescription.PrescriptionFixtures.PHARMACY_A;

/**
 * The alert projection driven through Axon's annotation adapter (so {@code @SequenceNumber} and metadata are resolved
 * as in the application) against a real PostgreSQL, and its queries answering from what it built. The checks it
 * copies are made here as the aggregate makes them: the interaction checker against the course record that the
 * earlier checks filled.
 */
class AlertProjectionIT {

    static final InstitutionId OTHER_HOSPITAL = InstitutionId.of("HOSP-1");
    static final PrescriberId OTHER_DOCTOR = PrescriberId.of("DOC-1");

    /** 20:00 UTC on the 19th is the 20th in Tokyo. */
    static final Instant T = Instant.parse("2026-11-19T20:00:00Z");
    static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");
    static final Clock CLOCK = Clock.fixed(T, ZONE);

    @AutoClose
    private static final TestDatabase database = new TestDatabase();
    private static final JdbcClient jdbc = database.jdbcClient();

    private AlertProjection projection;
    private AlertQueries queries;
    private AlertEvents events;
    private InteractionChecker checker;
    private final PatientId patient = PatientId.of("PAT-" + System.nanoTime());

    @BeforeEach
    void setUp() {
        InteractionRules rules = new InteractionRules(CATALOGUE, false);
        CourseRecordRepository courseRecord = new CourseRecordRepository(jdbc, new UncheckedCourseRepository(jdbc));
        AlertRepository repository = new AlertRepository(jdbc, TestDatabase.OBJECT_MAPPER);
        projection = new AlertProjection(repository, new AlertProgressUpdates());
        ConsentRecordRepository consentRecord = new ConsentRecordRepository(jdbc);
        queries = new AlertQueries(repository, courseRecord, consentRecord, rules, CATALOGUE, CLOCK,
                new DraftReads(jdbc), ValidUntilHorizon.DEFAULT);
        checker = new InteractionChecker(rules, new PatientCourses() {
            @Override
            public List<MedicationCourse> lockAndRead(PatientId patientId, LocalDate from) {
                return courseRecord.read(patientId, from);
            }

            @Override
            public UncheckedCourses uncheckedSince(PatientId patientId, LocalDate from) {
                return UncheckedCourses.NONE;
            }
        });
        emptyTheTables();
        jdbc.sql("delete from course_record").update();
        jdbc.sql("delete from consent_record").update();
        events = new AlertEvents(projection, new CourseRecordProjection(courseRecord),
                new ConsentRecordProjection(consentRecord, new ConsentChanges(jdbc)));
    }

    // --- the command side, as the aggregate records it ------------------------------------------------------

    /** Issues, and records the issue's check (acknowledged alerts acknowledged), as the aggregate does. */
    private PrescriptionIssued issue(PrescriptionId id, InstitutionId institution, PrescriberId prescriber, Instant at,
                                     List<AlertAcknowledgement> acks, PrescribedLine... lines) throws Exception {
        PrescriptionIssued issued = issued(id, patient, institution, prescriber, at, acks, lines);
        events.send(issued, patient);
        LocalDate day = LocalDate.ofInstant(at, ZONE);
        List<RecordedCourse> planned = new ArrayList<>();
        for (PrescribedLine line : lines) {
            CoursePeriod period = CoursePeriod.of(day, line.days(), CATALOGUE.find(line.drugCode()).orElse(null),
                    line.asNeeded());
            planned.add(new RecordedCourse(line.lineNumber(), 1, line.drugCode(), period.from(), period.to(),
                    CourseStatus.PLANNED));
        }
        List<RecordedAlert> alerts = checker.check(id, patient, institution, prescriber, planned, true).alerts();
        events.send(check(id, institution, prescriber, CheckTrigger.ISSUE, planned, alerts, at), patient);
        for (AlertAcknowledgement acknowledgement : acks) {
            if (alerts.stream().anyMatch(alert -> alert.alertId().equals(acknowledgement.alertId()))) {
                events.send(new AlertAcknowledged(id, acknowledgement.alertId(), acknowledgement.reason(),
                        Party.prescriber(prescriber, institution), at, null), patient);
            }
        }
        return issued;
    }

    private PrescriptionIssued issue(InstitutionId institution, PrescriberId prescriber, Instant at, DrugCode drug,
                                     int days) throws Exception {
        return issue(PrescriptionId.random(), institution, prescriber, at, List.of(), line(1, drug, days));
    }

    /** Dispenses line 1 of a one-line prescription in full from {@code at}, and records the dispensing's check. */
    private void dispense(PrescriptionIssued issued, DrugCode drug, int days, Instant at) throws Exception {
        PrescriptionId id = issued.prescriptionId();
        events.send(new PrescriptionDispensed(id, PHARMACY_A, PHARMACIST, 1, List.of(new DispensedItem(1, drug,
                BigDecimal.valueOf(days), days)), true, at, java.time.LocalDate.ofInstant(at, java.time.ZoneOffset.UTC), null, List.of()), patient);
        LocalDate day = LocalDate.ofInstant(at, ZONE);
        List<RecordedCourse> dispensed = List.of(new RecordedCourse(1, 1, drug, day, day.plusDays(days - 1L),
                CourseStatus.DISPENSED));
        events.send(check(id, issued.prescriber().institutionId(), issued.prescriber().id(), CheckTrigger.DISPENSING,
                dispensed, checker.check(id, patient, issued.prescriber().institutionId(), issued.prescriber().id(),
                        dispensed, false).alerts(), at), patient);
    }

    /** Its prescriber cancels the prescription. */
    private EventMessage<?> cancel(PrescriptionIssued issued, String reason, Instant at) throws Exception {
        return events.send(new PrescriptionCancelled(issued.prescriptionId(), issued.prescriber().institutionId(),
                issued.prescriber().id(), reason, at), patient);
    }

    private InteractionCheckCompleted check(PrescriptionId id, InstitutionId institution, PrescriberId prescriber,
                                            CheckTrigger trigger, List<RecordedCourse> courses,
                                            List<RecordedAlert> alerts, Instant at) {
        return new InteractionCheckCompleted(id, patient, institution, prescriber, trigger, courses, alerts,
                CATALOGUE.version(), at);
    }

    private List<AlertView> alertsOf(PrescriptionIssued issued) {
        return queries.handle(new FindAlertsForPrescription(issued.prescriptionId()));
    }

    private Map<String, Object> course(PrescriptionId id, int line, int use) {
        return jdbc.sql("""
                        select drug_code, start_date, end_date, status from medication_course
                         where prescription_id = :id and line_number = :line and use_number = :use
                        """)
                .param("id", id.value()).param("line", line).param("use", use)
                .query().singleRow();
    }

    private int count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
    }

    // --- what the projection shows ---------------------------------------------------------------------------

    @Test
    void theCoursesAreThoseTheCheckRecordedAndACheckWithoutAlertsShowsNone() throws Exception {
        PrescriptionIssued issued = issue(OTHER_HOSPITAL, OTHER_DOCTOR, T, AMLODIPINE_BRAND_A, 28);

        assertThat(course(issued.prescriptionId(), 1, 1)).containsEntry("drug_code", AMLODIPINE_BRAND_A.value())
                .containsEntry("start_date", java.sql.Date.valueOf(DAY))
                .containsEntry("end_date", java.sql.Date.valueOf(DAY.plusDays(27)))
                .containsEntry("status", "PLANNED");
        assertThat(queries.handle(new FindAlertProgress(issued.prescriptionId()))).isEqualTo(1L);
        assertThat(queries.handle(new FindAlertProgress(PrescriptionId.random()))).isEqualTo(-1L);
        assertThat(alertsOf(issued)).isEmpty();
    }

    @Test
    void theAlertIsTheOneTheCheckRecordedNothingIsDecidedAgain() throws Exception {
        PrescriptionIssued first = issue(OTHER_HOSPITAL, OTHER_DOCTOR, T, AMLODIPINE_BRAND_A, 28);
        PrescriptionIssued second = issue(HOSPITAL, DOCTOR, T, AMLODIPINE_GENERIC_C, 28);

        assertThat(alertsOf(first)).as("the earlier one shows the later one's alert, without naming it")
                .singleElement().satisfies(alert -> {
                    assertThat(alert.alertId()).isEqualTo(AlertIds.of(second.prescriptionId(), 1,
                            AlertType.SAME_INGREDIENT, "amlodipine"));
                    assertThat(alert.prescriptionId()).as("another institution's, without consent").isNull();
                    assertThat(alert.conflicts()).extracting(Conflict::prescriptionId)
                            .containsExactly(first.prescriptionId());
                });
        assertThat(alertsOf(second)).singleElement().satisfies(alert -> {
            assertThat(alert.alertId()).isEqualTo(AlertIds.of(second.prescriptionId(), 1, AlertType.SAME_INGREDIENT,
                    "amlodipine"));
            assertThat(alert.type()).isEqualTo(AlertType.SAME_INGREDIENT);
            assertThat(alert.severity()).isEqualTo(Severity.HIGH);
            assertThat(alert.status()).isEqualTo(AlertView.OPEN);
            assertThat(alert.prescriptionId()).isEqualTo(second.prescriptionId());
            assertThat(alert.lineNumber()).isEqualTo(1);
            assertThat(alert.drugCode()).isEqualTo(AMLODIPINE_GENERIC_C);
            assertThat(alert.key()).isEqualTo("amlodipine");
            assertThat(alert.ingredient()).isEqualTo("amlodipine");
            assertThat(alert.raisedAt()).isEqualTo(T);
            assertThat(alert.acknowledgements()).isEmpty();
            // another institution's course, without consent: its drug and period only
            assertThat(alert.conflicts()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("conflictId")
                    .containsExactly(new Conflict(null, null, null, null, AMLODIPINE_BRAND_A, DAY, DAY.plusDays(27),
                            null, null, false, null, null, false));
            assertThat(alert.conflicts().get(0).conflictId()).isNotBlank();
        });

        // a check that recorded nothing shows nothing, whatever the rules would say now
        PrescriptionIssued unchecked = issued(PrescriptionId.random(), patient, HOSPITAL, DOCTOR, T, List.of(),
                line(1, AMLODIPINE_BRAND_A, 28));
        events.send(unchecked, patient);
        events.send(check(unchecked.prescriptionId(), HOSPITAL, DOCTOR, CheckTrigger.ISSUE, List.of(new RecordedCourse(
                1, 1, AMLODIPINE_BRAND_A, DAY, DAY.plusDays(27), CourseStatus.PLANNED)), List.of(), T), patient);
        assertThat(queries.handle(new FindAlertsForPrescription(unchecked.prescriptionId()))).isEmpty();
    }

    @Test
    void theSameProductIsOneAlertOfItsIngredientBesideAContraindicatedPair() throws Exception {
        events.send(new ConsentGiven(patient, T));
        PrescriptionIssued itraconazole = issue(OTHER_HOSPITAL, OTHER_DOCTOR, T, ITRACONAZOLE, 14);
        PrescriptionIssued triazolam = issue(HOSPITAL, DOCTOR, T.plusSeconds(60), TRIAZOLAM, 14);
        PrescriptionIssued triazolamAgain = issue(HOSPITAL, DOCTOR, T.plusSeconds(120), TRIAZOLAM, 14);

        assertThat(queries.handle(new FindAlertsForPrescription(triazolamAgain.prescriptionId())).stream()
                .filter(alert -> triazolamAgain.prescriptionId().equals(alert.prescriptionId())))
                .extracting(AlertView::type, AlertView::key, alert -> alert.conflicts().get(0).sameProduct())
                .containsExactly(tuple(AlertType.SAME_INGREDIENT, "triazolam", true),
                        tuple(AlertType.CONTRAINDICATED, "itraconazole+triazolam", false));
        assertThat(alertsOf(triazolam)).filteredOn(alert -> triazolam.prescriptionId().equals(alert.prescriptionId()))
                .extracting(AlertView::type).containsExactly(AlertType.CONTRAINDICATED);
        assertThat(alertsOf(itraconazole)).as("raised by the later ones, shown on the earlier one")
                .extracting(AlertView::prescriptionId)
                .containsOnly(triazolam.prescriptionId(), triazolamAgain.prescriptionId());
    }

    @Test
    void twelveCoursesOfTwoProductsOfOneHypnoticAreOneAlertWithTwelveConflicts() throws Exception {
        for (int i = 0; i < 12; i++) {
            issue(PrescriptionId.random(), InstitutionId.of("CLINIC-" + i), PrescriberId.of("DOC-" + i),
                    T.minusSeconds(86_400L * (i % 5)), List.of(), line(1, i % 2 == 0 ? ZOLPIDEM_5 : ZOLPIDEM_5_GENERIC,
                            30));
        }
        PrescriptionIssued newest = issue(HOSPITAL, DOCTOR, T.plusSeconds(3600), ZOLPIDEM_5, 14);

        List<AlertView> own = alertsOf(newest).stream()
                .filter(alert -> newest.prescriptionId().equals(alert.prescriptionId())).toList();
        assertThat(own).singleElement().satisfies(alert -> {
            assertThat(alert.type()).isEqualTo(AlertType.SAME_INGREDIENT);
            assertThat(alert.key()).isEqualTo("zolpidem");
            assertThat(alert.conflicts()).hasSize(12);
            assertThat(alert.conflicts()).filteredOn(Conflict::sameProduct).hasSize(6);
            assertThat(alert.conflicts()).extracting(Conflict::from).isSorted();
        });
    }

    @Test
    void aDispensingMovedIntoAnOverlapRaisesTheAlertItsCheckFound() throws Exception {
        events.send(new ConsentGiven(patient, T));
        PrescriptionIssued later = issue(HOSPITAL, DOCTOR, T.plusSeconds(40 * 86_400L), AMLODIPINE_BRAND_A, 28);
        PrescriptionIssued issued = issue(OTHER_HOSPITAL, OTHER_DOCTOR, T, AMLODIPINE_GENERIC_C, 28);
        assertThat(alertsOf(issued)).as("28 days from today end before the other starts").isEmpty();

        dispense(issued, AMLODIPINE_GENERIC_C, 60, T.plusSeconds(3 * 86_400L));

        assertThat(course(issued.prescriptionId(), 1, 1)).containsEntry("status", "DISPENSED")
                .containsEntry("start_date", java.sql.Date.valueOf(DAY.plusDays(3)))
                .containsEntry("end_date", java.sql.Date.valueOf(DAY.plusDays(62)));
        assertThat(alertsOf(issued)).singleElement().satisfies(alert -> {
            assertThat(alert.prescriptionId()).isEqualTo(issued.prescriptionId());
            assertThat(alert.conflicts()).extracting(Conflict::prescriptionId).containsExactly(later.prescriptionId());
        });
        assertThat(alertsOf(later)).as("and the later one shows it too").hasSize(1);
    }

    @Test
    void anAlertRaisedAgainWithANewConflictIsOpenAgainWithBothAndKeepsItsAcknowledgements() throws Exception {
        events.send(new ConsentGiven(patient, T));
        PrescriptionIssued first = issue(OTHER_HOSPITAL, OTHER_DOCTOR, T, AMLODIPINE_BRAND_A, 28);
        PrescriptionIssued mine = issue(HOSPITAL, DOCTOR, T.plusSeconds(60), AMLODIPINE_GENERIC_C, 28);
        AlertId alertId = alertsOf(mine).stream().filter(alert -> mine.prescriptionId().equals(alert.prescriptionId()))
                .findFirst().orElseThrow().alertId();
        events.send(new AlertAcknowledged(mine.prescriptionId(), alertId, "seen", Party.prescriber(DOCTOR, HOSPITAL),
                T.plusSeconds(120), null), patient);
        cancel(first, "changed", T.plusSeconds(180));
        assertThat(queries.handle(new FindAlertsForPatient(patient))).singleElement()
                .extracting(AlertView::status).isEqualTo(AlertView.RESOLVED);
        PrescriptionIssued second = issue(OTHER_HOSPITAL, OTHER_DOCTOR, T.plusSeconds(240), AMLODIPINE_BRAND_A, 28);

        dispense(mine, AMLODIPINE_GENERIC_C, 28, T.plusSeconds(300));

        AlertView reopened = queries.handle(new FindAlertsForPatient(patient)).stream()
                .filter(alert -> alert.alertId().equals(alertId)).findFirst().orElseThrow();
        assertThat(reopened.status()).isEqualTo(AlertView.OPEN);
        assertThat(reopened.conflicts()).extracting(Conflict::prescriptionId)
                .containsExactlyInAnyOrder(first.prescriptionId(), second.prescriptionId());
        assertThat(reopened.acknowledgements()).hasSize(1);
        assertThat(reopened.raisedAt()).isEqualTo(T.plusSeconds(60));
    }

    @Test
    void cancellingTheEarlierPrescriptionResolvesTheAlertOnTheLaterOne() throws Exception {
        PrescriptionIssued first = issue(OTHER_HOSPITAL, OTHER_DOCTOR, T, AMLODIPINE_BRAND_A, 28);
        PrescriptionIssued second = issue(HOSPITAL, DOCTOR, T.plusSeconds(60), AMLODIPINE_GENERIC_C, 28);
        Instant cancelledAt = T.plusSeconds(120);

        cancel(first, "duplicate", cancelledAt);

        assertThat(course(first.prescriptionId(), 1, 1)).containsEntry("status", "STOPPED");
        assertThat(alertsOf(second)).singleElement().extracting(AlertView::status).isEqualTo(AlertView.RESOLVED);
        assertThat(jdbc.sql("select resolved_at from medication_alert where prescription_id = :id")
                .param("id", second.prescriptionId().value()).query(java.time.OffsetDateTime.class).single()
                .toInstant()).isEqualTo(cancelledAt);
    }

    @Test
    void anAlertWhoseConflictWasCancelledBeforeItsCheckWasStoredIsResolvedAsInTheOtherOrder() throws Exception {
        // the check of the second read the first's course while the cancellation was still committing: it found the
        // conflict, but the cancellation took the earlier position in the store
        PrescriptionIssued first = issue(OTHER_HOSPITAL, OTHER_DOCTOR, T, AMLODIPINE_BRAND_A, 28);
        PrescriptionId secondId = PrescriptionId.random();
        Instant checkedAt = T.plusSeconds(60);
        LocalDate day = LocalDate.ofInstant(checkedAt, ZONE);
        List<RecordedCourse> planned = List.of(new RecordedCourse(1, 1, AMLODIPINE_GENERIC_C, day, day.plusDays(27),
                CourseStatus.PLANNED));
        List<RecordedAlert> found = checker.check(secondId, patient, HOSPITAL, DOCTOR, planned, true).alerts();
        assertThat(found).hasSize(1);

        cancel(first, "duplicate", T.plusSeconds(50));
        PrescriptionIssued second = issued(secondId, patient, HOSPITAL, DOCTOR, checkedAt, List.of(),
                line(1, AMLODIPINE_GENERIC_C, 28));
        events.send(second, patient);
        events.send(check(secondId, HOSPITAL, DOCTOR, CheckTrigger.ISSUE, planned, found, checkedAt), patient);

        assertThat(alertsOf(second)).singleElement().extracting(AlertView::status).isEqualTo(AlertView.RESOLVED);
    }

    @Test
    void anAlertStaysOpenWhileAConflictingCourseStillCounts() throws Exception {
        PrescriptionIssued dispensed = issue(OTHER_HOSPITAL, OTHER_DOCTOR, T, AMLODIPINE_BRAND_A, 28);
        dispense(dispensed, AMLODIPINE_BRAND_A, 28, T);
        PrescriptionIssued planned = issue(OTHER_HOSPITAL, OTHER_DOCTOR, T, AMLODIPINE_BRAND_A, 28);
        PrescriptionIssued latest = issue(HOSPITAL, DOCTOR, T.plusSeconds(60), AMLODIPINE_GENERIC_C, 28);
        assertThat(alertsOf(latest)).filteredOn(alert -> latest.prescriptionId().equals(alert.prescriptionId()))
                .singleElement().extracting(alert -> alert.conflicts().size()).isEqualTo(2);

        cancel(planned, "duplicate", T);

        assertThat(alertsOf(latest)).filteredOn(alert -> latest.prescriptionId().equals(alert.prescriptionId()))
                .singleElement().extracting(AlertView::status).isEqualTo(AlertView.OPEN);
        assertThat(course(dispensed.prescriptionId(), 1, 1)).containsEntry("status", "DISPENSED");
    }

    @Test
    void aCancelledPrescriptionsAlertResolvesOnlyIfNothingOfItsLineWasHandedOut() throws Exception {
        issue(OTHER_HOSPITAL, OTHER_DOCTOR, T, AMLODIPINE_BRAND_A, 60);
        PrescriptionIssued undispensed = issue(HOSPITAL, DOCTOR, T.plusSeconds(60), AMLODIPINE_GENERIC_C, 28);
        PrescriptionIssued handedOut = issue(HOSPITAL, DOCTOR, T.plusSeconds(120), AMLODIPINE_GENERIC_C, 28);
        dispense(handedOut, AMLODIPINE_GENERIC_C, 28, T.plusSeconds(180));
        PrescriptionIssued contraindicated = issue(HOSPITAL, DOCTOR, T.plusSeconds(240), ITRACONAZOLE, 7);
        issue(HOSPITAL, DOCTOR, T.plusSeconds(250), TRIAZOLAM, 7);

        cancel(undispensed, "changed", T);
        cancel(handedOut, "changed", T);
        events.send(new PrescriptionExpired(contraindicated.prescriptionId(), 1, T.plusSeconds(86_400 * 5)), patient);

        assertThat(ownAlerts(undispensed)).singleElement().extracting(AlertView::status).isEqualTo(AlertView.RESOLVED);
        assertThat(ownAlerts(handedOut)).as("the duplicate supply is with the patient")
                .allSatisfy(alert -> assertThat(alert.status()).isEqualTo(AlertView.OPEN)).isNotEmpty();
        assertThat(course(undispensed.prescriptionId(), 1, 1)).containsEntry("status", "STOPPED");
        assertThat(course(handedOut.prescriptionId(), 1, 1)).containsEntry("status", "DISPENSED");
        assertThat(course(contraindicated.prescriptionId(), 1, 1)).containsEntry("status", "STOPPED");
    }

    private List<AlertView> ownAlerts(PrescriptionIssued issued) {
        return alertsOf(issued).stream().filter(alert -> issued.prescriptionId().equals(alert.prescriptionId()))
                .toList();
    }

    @Test
    void acknowledgementsComeWithTheIssueAndLater() throws Exception {
        PrescriptionIssued first = issue(OTHER_HOSPITAL, OTHER_DOCTOR, T, AMLODIPINE_BRAND_A, 28);
        PrescriptionId intended = PrescriptionId.random();
        List<AlertView> draft = queries.handle(new CheckDuplicates(patient,
                List.of(new DraftLine(1, AMLODIPINE_GENERIC_C, 28)), DAY, intended, true)).alerts();
        AlertId predicted = draft.get(0).alertId();

        PrescriptionIssued second = issue(intended, HOSPITAL, DOCTOR, T.plusSeconds(60),
                List.of(ack(predicted, "dose change agreed with cardiologist"),
                        ack(AlertId.of("no-such-alert"), "ignored")), line(1, AMLODIPINE_GENERIC_C, 28));

        Party prescriber = Party.prescriber(DOCTOR, HOSPITAL);
        assertThat(alertsOf(second)).singleElement().satisfies(alert -> {
            assertThat(alert.alertId()).isEqualTo(predicted);
            assertThat(alert.acknowledgements()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("conflictIds")
                    .containsExactly(new AcknowledgementView(predicted, "dose change agreed with cardiologist",
                            prescriber, T.plusSeconds(60), null));
        });

        Party pharmacist = Party.pharmacist(PHARMACIST, PHARMACY_A);
        events.send(new AlertAcknowledged(intended, predicted, "patient confirmed", pharmacist, T.plusSeconds(600), null),
                patient);
        events.send(new AlertAcknowledged(intended, AlertId.of("unknown"), "nothing", pharmacist, T, null), patient);

        assertThat(alertsOf(second).get(0).acknowledgements()).extracting(AcknowledgementView::acknowledgedBy)
                .containsExactly(prescriber, pharmacist);
        assertThat(alertsOf(first)).extracting(AlertView::alertId).containsExactly(predicted);
    }

    @Test
    void withoutConsentConflictsFromOtherInstitutionsNameNeitherInstitutionNorPrescriber() throws Exception {
        PrescriptionIssued other = issue(OTHER_HOSPITAL, OTHER_DOCTOR, T, AMLODIPINE_BRAND_A, 28);
        PrescriptionIssued same = issue(HOSPITAL, DOCTOR, T, AMLODIPINE_BRAND_A, 28);
        PrescriptionIssued latest = issue(HOSPITAL, DOCTOR, T.plusSeconds(60), AMLODIPINE_GENERIC_C, 28);
        AlertId alertOfLatest = AlertIds.of(latest.prescriptionId(), 1, AlertType.SAME_INGREDIENT, "amlodipine");
        Conflict fromOther = new Conflict(null, other.prescriptionId(), 1, 1, AMLODIPINE_BRAND_A, DAY, DAY.plusDays(27),
                OTHER_HOSPITAL, OTHER_DOCTOR, false, null, null, null).identified(alertOfLatest, false);
        Conflict fromSame = new Conflict(null, same.prescriptionId(), 1, 1, AMLODIPINE_BRAND_A, DAY, DAY.plusDays(27),
                HOSPITAL, DOCTOR, false, null, null, null).identified(alertOfLatest, false);

        // no consent recorded: not shared
        assertThat(ownAlerts(latest).get(0).conflicts()).containsExactlyInAnyOrder(fromOther.masked(), fromSame);

        events.send(new ConsentGiven(patient, T));
        assertThat(ownAlerts(latest).get(0).conflicts()).containsExactlyInAnyOrder(fromOther, fromSame);
        assertThat(queries.handle(new FindAlertsForPatient(patient)).get(0).conflicts())
                .containsExactlyInAnyOrder(fromOther, fromSame);

        events.send(new ConsentWithdrawn(patient, T.plusSeconds(1)));
        assertThat(ownAlerts(latest).get(0).conflicts()).containsExactlyInAnyOrder(fromOther.masked(), fromSame);

        // the stored row keeps both, so a rebuild does not depend on when consent changed
        String stored = jdbc.sql("select conflicts::text from medication_alert where prescription_id = :id")
                .param("id", latest.prescriptionId().value()).query(String.class).single();
        assertThat(stored).contains("HOSP-1", "DOC-1");
    }

    @Test
    void aProviderSeesOnlyTheAlertsOfItsPrescriptionsAndWithoutConsentNothingOfTheOtherSide() throws Exception {
        PrescriptionIssued first = issue(OTHER_HOSPITAL, OTHER_DOCTOR, T, ZOLPIDEM_5, 14);
        PrescriptionIssued second = issue(HOSPITAL, DOCTOR, T.plusSeconds(60), ZOLPIDEM_5_GENERIC, 14);
        PrescriptionIssued unrelated = issue(InstitutionId.of("HOSP-9"), PrescriberId.of("DOC-9"), T, METFORMIN, 28);

        AlertReader thirdInstitution = new AlertReader(java.util.Set.of(unrelated.prescriptionId()),
                java.util.Set.of(InstitutionId.of("HOSP-9")));
        assertThat(queries.handle(new FindAlertsForPatient(patient, thirdInstitution)))
                .as("an institution party only to the metformin sees no alert between two others").isEmpty();

        AlertReader earlierSide = new AlertReader(java.util.Set.of(first.prescriptionId()),
                java.util.Set.of(OTHER_HOSPITAL));
        assertThat(queries.handle(new FindAlertsForPatient(patient, earlierSide))).singleElement().satisfies(alert -> {
            assertThat(alert.prescriptionId()).as("the later prescription is another institution's").isNull();
            assertThat(alert.drugCode()).isEqualTo(ZOLPIDEM_5_GENERIC);
            assertThat(alert.ingredient()).isEqualTo("zolpidem");
            assertThat(alert.conflicts()).singleElement().extracting(Conflict::prescriptionId)
                    .isEqualTo(first.prescriptionId());
        });
        AlertReader laterSide = new AlertReader(java.util.Set.of(second.prescriptionId()), java.util.Set.of(HOSPITAL));
        assertThat(queries.handle(new FindAlertsForPatient(patient, laterSide))).singleElement().satisfies(alert -> {
            assertThat(alert.prescriptionId()).isEqualTo(second.prescriptionId());
            Conflict other = alert.conflicts().get(0);
            assertThat(other.drugCode()).isEqualTo(ZOLPIDEM_5);
            assertThat(other.from()).isEqualTo(DAY);
            assertThat(List.of(java.util.Optional.ofNullable(other.prescriptionId()),
                    java.util.Optional.ofNullable(other.institutionId()),
                    java.util.Optional.ofNullable(other.prescriberId()))).as("drug and period only")
                    .allSatisfy(named -> assertThat(named).isEmpty());
        });

        // the later side acknowledges its alert: without consent the earlier side sees when, not who or why
        AlertId alertId = queries.handle(new FindAlertsForPatient(patient, laterSide)).get(0).alertId();
        events.send(new AlertAcknowledged(second.prescriptionId(), alertId, "patient stopped the other hypnotic",
                Party.prescriber(DOCTOR, HOSPITAL), T.plusSeconds(120), null), patient);
        assertThat(queries.handle(new FindAlertsForPatient(patient, earlierSide))).singleElement()
                .satisfies(alert -> assertThat(alert.acknowledgements()).singleElement().satisfies(given -> {
                    assertThat(given.acknowledgedAt()).isEqualTo(T.plusSeconds(120));
                    assertThat(given.acknowledgedBy()).isNull();
                    assertThat(given.reason()).isNull();
                }));
        assertThat(queries.handle(new FindAlertsForPatient(patient, laterSide))).singleElement()
                .satisfies(alert -> assertThat(alert.acknowledgements().get(0).reason())
                        .isEqualTo("patient stopped the other hypnotic"));

        events.send(new ConsentGiven(patient, T));
        assertThat(queries.handle(new FindAlertsForPatient(patient, earlierSide))).singleElement()
                .extracting(AlertView::prescriptionId).isEqualTo(second.prescriptionId());
        assertThat(queries.handle(new FindAlertsForPatient(patient, earlierSide)).get(0).acknowledgements().get(0)
                .acknowledgedBy()).isEqualTo(Party.prescriber(DOCTOR, HOSPITAL));
    }

    @Test
    void aDraftCheckWithoutACareRelationshipOrConsentNamesOnlyTheLineThatConflicts() throws Exception {
        issue(OTHER_HOSPITAL, OTHER_DOCTOR, T, AMLODIPINE_BRAND_A, 28);
        issue(OTHER_HOSPITAL, OTHER_DOCTOR, T, ITRACONAZOLE, 28);
        List<DraftLine> draft = List.of(new DraftLine(1, AMLODIPINE_GENERIC_C, 28), new DraftLine(2, TRIAZOLAM, 7));

        List<AlertView> stranger = queries.handle(new CheckDuplicates(patient, draft, DAY, PrescriptionId.random(),
                false)).alerts();

        assertThat(stranger).extracting(AlertView::lineNumber, AlertView::drugCode, AlertView::type).containsExactly(
                tuple(1, AMLODIPINE_GENERIC_C, AlertType.SAME_INGREDIENT),
                tuple(2, TRIAZOLAM, AlertType.CONTRAINDICATED));
        assertThat(stranger).allSatisfy(alert -> {
            assertThat(alert.conflicts()).isEmpty();
            assertThat(alert.ingredient()).as("the pair would name what the patient takes").isNull();
            assertThat(alert.key()).isNull();
        });
        assertThat(queries.handle(new CheckDuplicates(patient, draft, DAY, PrescriptionId.random(), true)).alerts())
                .as("a care relationship sees the conflicts, masked").allSatisfy(alert ->
                        assertThat(alert.conflicts()).isNotEmpty());
        events.send(new ConsentGiven(patient, T));
        assertThat(queries.handle(new CheckDuplicates(patient, draft, DAY, PrescriptionId.random(), false)).alerts())
                .as("with consent").allSatisfy(alert -> assertThat(alert.conflicts()).extracting(Conflict::institutionId)
                        .containsOnly(OTHER_HOSPITAL));
    }

    @Test
    void aClashBetweenTwoLinesOfTheDraftNamesTheDraftsLineNotThePatientsMedication() throws Exception {
        PrescriptionId intended = PrescriptionId.random();
        List<DraftLine> draft = List.of(new DraftLine(1, AMLODIPINE_BRAND_A, 28),
                new DraftLine(2, AMLODIPINE_GENERIC_C, 28));

        for (boolean careRelationship : List.of(false, true)) {
            List<AlertView> alerts = queries.handle(new CheckDuplicates(patient, draft, DAY, intended,
                    careRelationship)).alerts();

            assertThat(alerts).as("care relationship %s", careRelationship).singleElement().satisfies(alert -> {
                assertThat(alert.lineNumber()).isEqualTo(2);
                assertThat(alert.conflicts()).as("the caller's own line, not a masked course of the patient's")
                        .singleElement().satisfies(conflict -> {
                            assertThat(conflict.prescriptionId()).isEqualTo(intended);
                            assertThat(conflict.lineNumber()).isEqualTo(1);
                            assertThat(conflict.drugCode()).isEqualTo(AMLODIPINE_BRAND_A);
                        });
            });
        }
    }

    @Test
    void aRedeliveredRecordCheckDoesNotReopenWhatALaterEventResolved() throws Exception {
        PrescriptionIssued issued = issue(OTHER_HOSPITAL, OTHER_DOCTOR, T, AMLODIPINE_BRAND_A, 28);
        DispensingRecordId recordId = DispensingRecordId.random();
        LocalDate day = LocalDate.ofInstant(T, ZONE);
        List<RecordedCourse> recorded = List.of(new RecordedCourse(1, 1, AMLODIPINE_GENERIC_C, day,
                day.plusDays(27), CourseStatus.DISPENSED));
        List<RecordedAlert> found = checker.check(CourseSource.of(recordId, 1), patient, HOSPITAL, null, recorded,
                false).alerts();
        assertThat(found).as("the paper dispensing duplicates the electronic prescription").hasSize(1);
        EventMessage<?> check = events.send(new DispensingRecordChecked(recordId, patient, HOSPITAL, null,
                Party.pharmacist(PHARMACIST, PHARMACY_A), CheckTrigger.RECORD_REGISTRATION, recorded, found, List.of(),
                CATALOGUE.version(), T));
        cancel(issued, "wrong patient", T.plusSeconds(60));
        assertThat(queries.handle(new FindAlertsForPatient(patient))).singleElement()
                .satisfies(alert -> assertThat(alert.status()).isEqualTo(AlertView.RESOLVED));

        events.redeliver(check);

        assertThat(queries.handle(new FindAlertsForPatient(patient))).singleElement()
                .satisfies(alert -> assertThat(alert.status()).as("as a replay shows it")
                        .isEqualTo(AlertView.RESOLVED));
    }

    @Test
    void aDraftBesideACourseOfADrugTheCatalogueDoesNotKnowIsAnIncompleteCheck() throws Exception {
        issue(OTHER_HOSPITAL, OTHER_DOCTOR, T, NOT_IN_CATALOGUE, 28);
        List<DraftLine> draft = List.of(new DraftLine(1, AMLODIPINE_GENERIC_C, 28));

        DraftAlerts cared = queries.handle(new CheckDuplicates(patient, draft, DAY, PrescriptionId.random(), true));
        DraftAlerts stranger = queries.handle(new CheckDuplicates(patient, draft, DAY, PrescriptionId.random(),
                false));
        DraftAlerts later = queries.handle(new CheckDuplicates(patient, draft, DAY.plusDays(60),
                PrescriptionId.random(), true));

        assertThat(cared.alerts()).isEmpty();
        assertThat(cared.complete()).as("no alert, but the course could not be compared").isFalse();
        assertThat(cared.unknownDrugCodes()).containsExactly(NOT_IN_CATALOGUE);
        assertThat(cared.catalogueVersion()).isEqualTo(CATALOGUE.version());
        assertThat(stranger.complete()).isFalse();
        assertThat(stranger.unknownDrugCodes()).as("the code is the patient's medication").isEmpty();
        assertThat(later.complete()).as("a course in other days could not have conflicted").isTrue();
    }

    @Test
    void whatACommandAnswersFromItsCheckIsWhatTheProjectionShowsOnceItCaughtUp() throws Exception {
        issue(OTHER_HOSPITAL, OTHER_DOCTOR, T, AMLODIPINE_BRAND_A, 28);
        PrescriptionId id = PrescriptionId.random();
        List<RecordedCourse> planned = List.of(
                new RecordedCourse(1, 1, AMLODIPINE_GENERIC_C, DAY, DAY.plusDays(27), CourseStatus.PLANNED),
                new RecordedCourse(2, 1, ITRACONAZOLE, DAY, DAY.plusDays(13), CourseStatus.PLANNED),
                new RecordedCourse(3, 1, TRIAZOLAM, DAY, DAY.plusDays(13), CourseStatus.PLANNED));
        InteractionCheckCompleted check = check(id, HOSPITAL, DOCTOR, CheckTrigger.ISSUE, planned,
                checker.check(id, patient, HOSPITAL, DOCTOR, planned, true).alerts(), T);
        List<AlertView> answered = queries.recordedViews(check, Map.of());
        assertThat(answered).hasSize(2);

        events.send(issued(id, patient, HOSPITAL, DOCTOR, T, List.of(), line(1, AMLODIPINE_GENERIC_C, 28),
                line(2, ITRACONAZOLE, 14), line(3, TRIAZOLAM, 14)), patient);
        events.send(check, patient);

        assertThat(queries.handle(new FindAlertsForPrescription(id))).isEqualTo(answered);
    }

    @Test
    void aDraftCheckMasksEveryConflictWithoutConsentAndNamesThemWithIt() throws Exception {
        issue(HOSPITAL, DOCTOR, T, AMLODIPINE_BRAND_A, 28);
        CheckDuplicates check = new CheckDuplicates(patient, List.of(new DraftLine(1, AMLODIPINE_BRAND_A, 28)), DAY,
                PrescriptionId.random(), true);

        assertThat(queries.handle(check).alerts().get(0).conflicts()).extracting(Conflict::institutionId)
                .containsOnlyNulls();
        assertThat(queries.handle(check).alerts().get(0).conflicts()).extracting(Conflict::sameProduct)
                .containsExactly(true);
        events.send(new ConsentGiven(patient, T));
        assertThat(queries.handle(check).alerts().get(0).conflicts()).extracting(Conflict::institutionId)
                .containsExactly(HOSPITAL);
    }

    @Test
    void aDraftCheckWritesNothingAndPredictsTheIdsOfTheIssue() throws Exception {
        issue(OTHER_HOSPITAL, OTHER_DOCTOR, T, AMLODIPINE_BRAND_A, 28);
        issue(OTHER_HOSPITAL, OTHER_DOCTOR, T, ITRACONAZOLE, 28);
        PrescriptionId intended = PrescriptionId.random();
        List<Integer> before = List.of(count("medication_course"), count("medication_alert"), count("alert_progress"),
                count("patient_consent"), count("course_record"));

        List<AlertView> draft = queries.handle(new CheckDuplicates(patient,
                List.of(new DraftLine(1, AMLODIPINE_GENERIC_C, 28), new DraftLine(2, TRIAZOLAM, 7),
                        new DraftLine(3, METFORMIN, 28)), DAY, intended, true)).alerts();

        assertThat(List.of(count("medication_course"), count("medication_alert"), count("alert_progress"),
                count("patient_consent"), count("course_record"))).isEqualTo(before);
        assertThat(draft).extracting(AlertView::lineNumber, AlertView::type).containsExactly(
                tuple(1, AlertType.SAME_INGREDIENT), tuple(2, AlertType.CONTRAINDICATED));
        assertThat(draft).allSatisfy(alert -> {
            assertThat(alert.status()).isEqualTo(AlertView.OPEN);
            assertThat(alert.acknowledgements()).isEmpty();
            assertThat(alert.prescriptionId()).isEqualTo(intended);
        });

        PrescriptionIssued issued = issue(intended, HOSPITAL, DOCTOR, T, List.of(), line(1, AMLODIPINE_GENERIC_C, 28),
                line(2, TRIAZOLAM, 7), line(3, METFORMIN, 28));
        assertThat(ownAlerts(issued)).extracting(AlertView::alertId)
                .containsExactlyElementsOf(draft.stream().map(AlertView::alertId).toList());
    }

    @Test
    void theMedicationListSplitsCurrentFromPastCourses() throws Exception {
        PrescriptionIssued ended = issue(OTHER_HOSPITAL, OTHER_DOCTOR, T.minusSeconds(86_400L * 60), METFORMIN, 28);
        PrescriptionIssued running = issue(OTHER_HOSPITAL, OTHER_DOCTOR, T, AMLODIPINE_BRAND_A, 28);
        PrescriptionIssued cancelled = issue(HOSPITAL, DOCTOR, T, TRIAZOLAM, 14);
        cancel(cancelled, "not needed", T);

        MedicationList list = queries.handle(new FindMedicationList(patient, DAY.plusDays(5)));

        assertThat(list.patientId()).isEqualTo(patient);
        assertThat(list.current()).singleElement().satisfies(course -> {
            assertThat(course.prescriptionId()).isEqualTo(running.prescriptionId());
            assertThat(course.lineNumber()).isEqualTo(1);
            assertThat(course.use()).isEqualTo(1);
            assertThat(course.drugCode()).isEqualTo(AMLODIPINE_BRAND_A);
            assertThat(course.drugName()).isEqualTo("Amlodipine 5 mg tablet (brand A)");
            assertThat(course.ingredients()).containsExactly("amlodipine");
            assertThat(course.route()).isEqualTo(Route.ORAL);
            assertThat(course.from()).isEqualTo(DAY);
            assertThat(course.to()).isEqualTo(DAY.plusDays(27));
            assertThat(course.status()).isEqualTo(CourseStatus.PLANNED);
            assertThat(course.institutionId()).isEqualTo(OTHER_HOSPITAL);
            assertThat(course.prescriberId()).isEqualTo(OTHER_DOCTOR);
        });
        assertThat(list.past()).extracting(CourseView::prescriptionId)
                .containsExactly(cancelled.prescriptionId(), ended.prescriptionId());
        assertThat(list.past()).extracting(CourseView::status)
                .containsExactly(CourseStatus.STOPPED, CourseStatus.PLANNED);
    }

    @Test
    void aRedeliveredEventIsSkipped() throws Exception {
        PrescriptionIssued first = issue(OTHER_HOSPITAL, OTHER_DOCTOR, T, AMLODIPINE_BRAND_A, 28);
        PrescriptionId id = PrescriptionId.random();
        events.send(issued(id, patient, HOSPITAL, DOCTOR, T, List.of(), line(1, AMLODIPINE_GENERIC_C, 28)), patient);
        List<RecordedCourse> planned = List.of(new RecordedCourse(1, 1, AMLODIPINE_GENERIC_C, DAY, DAY.plusDays(27),
                CourseStatus.PLANNED));
        var checkMessage = events.send(check(id, HOSPITAL, DOCTOR, CheckTrigger.ISSUE, planned,
                checker.check(id, patient, HOSPITAL, DOCTOR, planned, true).alerts(), T), patient);
        AlertId alertId = queries.handle(new FindAlertsForPrescription(id)).get(0).alertId();
        var ackMessage = events.send(new AlertAcknowledged(id, alertId, "seen", Party.prescriber(DOCTOR, HOSPITAL), T, null),
                patient);
        var cancelMessage = cancel(first, "x", T);
        List<AlertView> before = queries.handle(new FindAlertsForPrescription(id));

        events.redeliver(checkMessage);
        events.redeliver(ackMessage);
        events.redeliver(cancelMessage);

        assertThat(queries.handle(new FindAlertsForPrescription(id))).isEqualTo(before);
        assertThat(before.get(0).acknowledgements()).hasSize(1);
        assertThat(before.get(0).status()).isEqualTo(AlertView.RESOLVED);
        assertThat(count("medication_course")).isEqualTo(2);
    }

    @Test
    void aReplayIntoEmptyTablesRebuildsExactlyTheSameRowsIdsIncluded() throws Exception {
        PrescriptionIssued first = issue(OTHER_HOSPITAL, OTHER_DOCTOR, T, AMLODIPINE_BRAND_A, 28);
        PrescriptionIssued second = issue(HOSPITAL, DOCTOR, T, AMLODIPINE_GENERIC_C, 28);
        issue(HOSPITAL, DOCTOR, T.plusSeconds(60), ITRACONAZOLE, 14);
        issue(PrescriptionId.random(), OTHER_HOSPITAL, OTHER_DOCTOR, T.plusSeconds(120), List.of(), line(1, TRIAZOLAM, 14),
                line(2, AMLODIPINE_BRAND_A, 28));
        events.send(new ConsentGiven(patient, T));
        dispense(second, AMLODIPINE_GENERIC_C, 28, T.plusSeconds(86_400));
        events.send(new AlertAcknowledged(second.prescriptionId(), ownAlerts(second).get(0).alertId(), "seen",
                Party.pharmacist(PHARMACIST, PHARMACY_A), T.plusSeconds(86_400), null), patient);
        cancel(first, "x", T.plusSeconds(7200));
        events.send(new PrescriptionAccepted(second.prescriptionId(), PHARMACY_A, PHARMACIST, 1, T), patient);
        Snapshot live = snapshot();
        assertThat(live.alerts()).hasSizeGreaterThanOrEqualTo(3);

        emptyTheTables();
        assertThat(count("medication_alert") + count("medication_course") + count("patient_consent")
                + count("alert_progress")).isZero();
        events.replayAll();

        assertThat(snapshot()).isEqualTo(live);
    }

    private static void emptyTheTables() {
        List.of("medication_alert", "medication_course", "patient_consent", "alert_progress", "record_alert_progress")
                .forEach(table -> jdbc.sql("delete from " + table).update());
    }

    private record Snapshot(List<Map<String, Object>> alerts, List<Map<String, Object>> courses,
                            List<Map<String, Object>> consent, List<Map<String, Object>> progress) {
    }

    private Snapshot snapshot() {
        return new Snapshot(
                rows("select alert_id, patient_id, prescription_id, line_number, type, severity, status, drug_code, "
                        + "alert_key, ingredient, institution_id, prescriber_id, conflicts::text as conflicts, "
                        + "acknowledgements::text as acknowledgements, raised_at, resolved_at "
                        + "from medication_alert order by alert_id"),
                rows("select * from medication_course order by prescription_id, line_number, use_number"),
                rows("select * from patient_consent order by patient_id"),
                rows("select * from alert_progress order by prescription_id"));
    }

    private List<Map<String, Object>> rows(String sql) {
        return new ArrayList<>(jdbc.sql(sql).query().listOfRows());
    }
}

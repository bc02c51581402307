package org.eprescription.query.alerts;

import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.eprescription.query.testsupport.TestDatabase;
import org.eprescription.core.catalogue.CatalogueCsvLoader;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.catalogue.Route;
import org.eprescription.core.consent.ConsentGiven;
import org.eprescription.core.consent.ConsentWithdrawn;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.AlertIds;
import org.eprescription.core.interaction.AlertType;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.InteractionRules;
import org.eprescription.core.interaction.Severity;
import org.eprescription.core.prescription.DispensedItem;
import org.eprescription.core.prescription.Party;
import org.eprescription.core.prescription.event.AlertAcknowledged;
import org.eprescription.core.prescription.event.PrescriptionAccepted;
import org.eprescription.core.prescription.event.PrescriptionCancelled;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.eprescription.core.prescription.event.PrescriptionExpired;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.eprescription.core.prescription.event.RefillScheduled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import static org.eprescription.query.alerts.AlertEvents.ack;
import static org.eprescription.query.alerts.AlertEvents.issued;
import static org.eprescription.query.alerts.AlertEvents.line;

/**
 * The alert projection driven through Axon's annotation adapter (so {@code @SequenceNumber} and metadata are resolved
 * as in the application) against a real PostgreSQL, and its queries answering from what it built.
 */
class AlertProjectionTest {

    static final DrugCatalogue CATALOGUE = CatalogueCsvLoader.bundledSample();
    static final DrugCode AMLODIPINE = DrugCode.of("2171022F1021");
    static final DrugCode AMLODIPINE_GENERIC = DrugCode.of("2171022F3024");
    static final DrugCode ZOLPIDEM = DrugCode.of("1129009F1025");
    static final DrugCode ZOLPIDEM_GENERIC = DrugCode.of("1129009F1211");
    static final DrugCode TRIAZOLAM = DrugCode.of("1124007F1024");
    static final DrugCode ITRACONAZOLE = DrugCode.of("6290002M1021");
    static final DrugCode METFORMIN = DrugCode.of("3962002F1024");
    static final DrugCode LOXOPROFEN_PATCH = DrugCode.of("2649735S1028");

    static final InstitutionId HOSP_1 = InstitutionId.of("HOSP-1");
    static final InstitutionId HOSP_3 = InstitutionId.of("HOSP-3");
    static final PrescriberId DOC_1 = PrescriberId.of("DOC-1");
    static final PrescriberId DOC_17 = PrescriberId.of("DOC-17");
    static final PharmacyId PHARMACY = PharmacyId.of("PHARM-A");
    static final PharmacistId PHARMACIST = PharmacistId.of("RPH-1");

    /** 20:00 UTC on the 19th is the 20th in Tokyo: dates come from the clock's zone. */
    static final Instant T = Instant.parse("2026-11-19T20:00:00Z");
    static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    static final Clock CLOCK = Clock.fixed(T, ZoneId.of("Asia/Tokyo"));

    private static TestDatabase database;
    private static JdbcClient jdbc;

    private AlertProjection projection;
    private AlertQueries queries;
    private AlertEvents events;
    private final PatientId patient = PatientId.of("PAT-" + System.nanoTime());

    @BeforeAll
    static void createDatabase() {
        database = new TestDatabase();
        jdbc = database.jdbcClient();
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void setUp() {
        InteractionRules rules = new InteractionRules(CATALOGUE, false);
        projection = new AlertProjection(jdbc, TestDatabase.OBJECT_MAPPER, rules, CATALOGUE, CLOCK,
                SimpleQueryUpdateEmitter.builder().build());
        queries = new AlertQueries(jdbc, TestDatabase.OBJECT_MAPPER, rules, CATALOGUE, CLOCK);
        projection.reset();
        events = new AlertEvents(projection);
    }

    private PrescriptionIssued issue(InstitutionId institution, PrescriberId prescriber, Instant at, DrugCode drug,
                                     int days) throws Exception {
        PrescriptionIssued event = issued(PrescriptionId.random(), patient, institution, prescriber, at, List.of(),
                line(1, drug, days));
        events.send(event, patient);
        return event;
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

    @Test
    void anIssueRecordsAPlannedCourseFromTheIssueDateInTheClocksZone() throws Exception {
        PrescriptionIssued issued = issue(HOSP_1, DOC_1, T, AMLODIPINE, 28);

        assertThat(course(issued.prescriptionId(), 1, 1)).containsEntry("drug_code", AMLODIPINE.value())
                .containsEntry("start_date", java.sql.Date.valueOf(DAY))
                .containsEntry("end_date", java.sql.Date.valueOf(DAY.plusDays(27)))
                .containsEntry("status", "PLANNED");
        assertThat(queries.handle(new FindAlertProgress(issued.prescriptionId()))).isZero();
        assertThat(queries.handle(new FindAlertProgress(PrescriptionId.random()))).isEqualTo(-1L);
        assertThat(alertsOf(issued)).isEmpty();
    }

    @Test
    void twoPrescriptionsIssuedAtTheSameMomentAtTwoHospitalsAlertOnTheLaterOne() throws Exception {
        PrescriptionIssued first = issue(HOSP_1, DOC_1, T, AMLODIPINE, 28);
        PrescriptionIssued second = issue(HOSP_3, DOC_17, T, AMLODIPINE_GENERIC, 28);

        assertThat(alertsOf(first)).isEmpty();
        assertThat(alertsOf(second)).singleElement().satisfies(alert -> {
            assertThat(alert.alertId()).isEqualTo(AlertIds.of(second.prescriptionId(), 1, AlertType.SAME_INGREDIENT,
                    "amlodipine"));
            assertThat(alert.type()).isEqualTo(AlertType.SAME_INGREDIENT);
            assertThat(alert.severity()).isEqualTo(Severity.HIGH);
            assertThat(alert.status()).isEqualTo(AlertView.OPEN);
            assertThat(alert.prescriptionId()).isEqualTo(second.prescriptionId());
            assertThat(alert.lineNumber()).isEqualTo(1);
            assertThat(alert.drugCode()).isEqualTo(AMLODIPINE_GENERIC);
            assertThat(alert.key()).isEqualTo("amlodipine");
            assertThat(alert.ingredient()).isEqualTo("amlodipine");
            assertThat(alert.raisedAt()).isEqualTo(T);
            assertThat(alert.acknowledgements()).isEmpty();
            assertThat(alert.conflicts()).containsExactly(new Conflict(first.prescriptionId(), 1, 1, AMLODIPINE, DAY,
                    DAY.plusDays(27), null, null));
        });
    }

    @Test
    void aContraindicatedPairAndTheSameDrugAreRaisedWithTheirKeys() throws Exception {
        PrescriptionIssued itraconazole = issue(HOSP_1, DOC_1, T, ITRACONAZOLE, 14);
        PrescriptionIssued triazolam = issue(HOSP_3, DOC_17, T.plusSeconds(60), TRIAZOLAM, 14);
        PrescriptionIssued triazolamAgain = issue(HOSP_3, DOC_17, T.plusSeconds(120), TRIAZOLAM, 14);

        assertThat(alertsOf(triazolam)).extracting(AlertView::type, AlertView::key, AlertView::ingredient)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertType.CONTRAINDICATED,
                        "itraconazole+triazolam", "itraconazole+triazolam"));
        assertThat(alertsOf(triazolamAgain)).extracting(AlertView::type, AlertView::key, AlertView::ingredient)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AlertType.SAME_DRUG, TRIAZOLAM.value(), null),
                        org.assertj.core.groups.Tuple.tuple(AlertType.CONTRAINDICATED, "itraconazole+triazolam",
                                "itraconazole+triazolam"));
        assertThat(alertsOf(itraconazole)).isEmpty();
    }

    @Test
    void linesOfOnePrescriptionAlertOnceOnTheLaterLine() throws Exception {
        PrescriptionIssued issued = issued(PrescriptionId.random(), patient, HOSP_3, DOC_17, T, List.of(),
                line(1, AMLODIPINE, 28), line(2, AMLODIPINE_GENERIC, 28));
        events.send(issued, patient);

        assertThat(alertsOf(issued)).singleElement().satisfies(alert -> {
            assertThat(alert.lineNumber()).isEqualTo(2);
            // the same institution: named even without consent
            assertThat(alert.conflicts()).containsExactly(new Conflict(issued.prescriptionId(), 1, 1, AMLODIPINE, DAY,
                    DAY.plusDays(27), HOSP_3, DOC_17));
        });
    }

    @Test
    void twentyNineSourcesOfOneHypnoticCollapseIntoOneAlert() throws Exception {
        for (int i = 0; i < 29; i++) {
            PrescriptionIssued source = issued(PrescriptionId.random(), patient, InstitutionId.of("CLINIC-" + i),
                    PrescriberId.of("DOC-" + i), T.minusSeconds(86_400L * (i % 5)), List.of(), line(1, ZOLPIDEM, 30));
            events.send(source, patient);
        }
        PrescriptionIssued newest = issue(HOSP_3, DOC_17, T.plusSeconds(3600), ZOLPIDEM_GENERIC, 14);

        assertThat(alertsOf(newest)).singleElement().satisfies(alert -> {
            assertThat(alert.type()).isEqualTo(AlertType.SAME_INGREDIENT);
            assertThat(alert.conflicts()).hasSize(29);
            assertThat(alert.conflicts()).extracting(Conflict::from).isSorted();
        });
        // each earlier source alerted on its own issue too, but the newest carries exactly one alert
        assertThat(queries.handle(new FindAlertsForPatient(patient)).get(0).prescriptionId())
                .isEqualTo(newest.prescriptionId());
    }

    @Test
    void aDispensingMovesTheCourseToItsDateAndTheSubstituteAndALaterPartialOneExtendsIt() throws Exception {
        PrescriptionIssued issued = issue(HOSP_1, DOC_1, T, AMLODIPINE, 28);
        PrescriptionId id = issued.prescriptionId();
        Instant dispensedAt = T.plusSeconds(3 * 86_400);
        events.send(new PrescriptionAccepted(id, PHARMACY, PHARMACIST, 1, dispensedAt), patient);
        events.send(new PrescriptionDispensed(id, PHARMACY, PHARMACIST, 1, List.of(new DispensedItem(1,
                AMLODIPINE_GENERIC, new BigDecimal("14"), 14)), false, dispensedAt), patient);

        assertThat(course(id, 1, 1)).containsEntry("drug_code", AMLODIPINE_GENERIC.value())
                .containsEntry("start_date", java.sql.Date.valueOf(DAY.plusDays(3)))
                .containsEntry("end_date", java.sql.Date.valueOf(DAY.plusDays(16)))
                .containsEntry("status", "DISPENSED");

        Instant later = T.plusSeconds(10 * 86_400);
        events.send(new PrescriptionDispensed(id, PHARMACY, PHARMACIST, 1, List.of(new DispensedItem(1, null,
                new BigDecimal("14"), 14)), true, later), patient);
        assertThat(course(id, 1, 1)).containsEntry("start_date", java.sql.Date.valueOf(DAY.plusDays(3)))
                .containsEntry("end_date", java.sql.Date.valueOf(DAY.plusDays(23)))
                .containsEntry("status", "DISPENSED");

        LocalDate planned = DAY.plusDays(24);
        events.send(new RefillScheduled(id, 2, planned, planned.minusDays(7), planned.plusDays(7), later), patient);
        assertThat(course(id, 1, 2)).containsEntry("drug_code", AMLODIPINE.value())
                .containsEntry("start_date", java.sql.Date.valueOf(planned))
                .containsEntry("end_date", java.sql.Date.valueOf(planned.plusDays(27)))
                .containsEntry("status", "PLANNED");
        assertThat(queries.handle(new FindAlertProgress(id))).isEqualTo(4L);
    }

    @Test
    void aNullDispensedDrugMeansThePrescribedOneAndATopicalCourseCountsFourteenDays() throws Exception {
        PrescriptionIssued issued = issue(HOSP_1, DOC_1, T, LOXOPROFEN_PATCH, 3);
        PrescriptionId id = issued.prescriptionId();
        assertThat(course(id, 1, 1)).containsEntry("end_date", java.sql.Date.valueOf(DAY.plusDays(13)));

        events.send(new PrescriptionDispensed(id, PHARMACY, PHARMACIST, 1, List.of(new DispensedItem(1, null,
                new BigDecimal("3"), 3)), true, T.plusSeconds(86_400)), patient);
        assertThat(course(id, 1, 1)).containsEntry("drug_code", LOXOPROFEN_PATCH.value())
                .containsEntry("start_date", java.sql.Date.valueOf(DAY.plusDays(1)))
                .containsEntry("end_date", java.sql.Date.valueOf(DAY.plusDays(14)));
    }

    @Test
    void cancellingTheEarlierPrescriptionResolvesTheAlertOnTheLaterOne() throws Exception {
        PrescriptionIssued first = issue(HOSP_1, DOC_1, T, AMLODIPINE, 28);
        PrescriptionIssued second = issue(HOSP_3, DOC_17, T.plusSeconds(60), AMLODIPINE_GENERIC, 28);
        Instant cancelledAt = T.plusSeconds(120);

        events.send(new PrescriptionCancelled(first.prescriptionId(), HOSP_1, DOC_1, "duplicate", cancelledAt), patient);

        assertThat(course(first.prescriptionId(), 1, 1)).containsEntry("status", "STOPPED");
        assertThat(alertsOf(second)).singleElement().extracting(AlertView::status).isEqualTo(AlertView.RESOLVED);
        assertThat(jdbc.sql("select resolved_at from medication_alert where prescription_id = :id")
                .param("id", second.prescriptionId().value()).query(java.time.OffsetDateTime.class).single()
                .toInstant()).isEqualTo(cancelledAt);
    }

    @Test
    void anAlertStaysOpenWhileAConflictingCourseStillCounts() throws Exception {
        PrescriptionIssued dispensed = issue(HOSP_1, DOC_1, T, AMLODIPINE, 28);
        events.send(new PrescriptionDispensed(dispensed.prescriptionId(), PHARMACY, PHARMACIST, 1,
                List.of(new DispensedItem(1, null, new BigDecimal("28"), 28)), true, T), patient);
        PrescriptionIssued planned = issue(HOSP_1, DOC_1, T, AMLODIPINE, 28);
        PrescriptionIssued latest = issue(HOSP_3, DOC_17, T.plusSeconds(60), AMLODIPINE_GENERIC, 28);
        assertThat(alertsOf(latest)).singleElement().extracting(alert -> alert.conflicts().size()).isEqualTo(2);

        events.send(new PrescriptionCancelled(planned.prescriptionId(), HOSP_1, DOC_1, "duplicate", T), patient);

        assertThat(alertsOf(latest)).singleElement().extracting(AlertView::status).isEqualTo(AlertView.OPEN);
        assertThat(course(dispensed.prescriptionId(), 1, 1)).containsEntry("status", "DISPENSED");
    }

    @Test
    void aCancelledOrExpiredPrescriptionsOwnAlertsAreResolvedNotDeleted() throws Exception {
        issue(HOSP_1, DOC_1, T, AMLODIPINE, 28);
        PrescriptionIssued cancelled = issue(HOSP_3, DOC_17, T.plusSeconds(60), AMLODIPINE_GENERIC, 28);
        PrescriptionIssued expired = issue(HOSP_3, DOC_17, T.plusSeconds(120), TRIAZOLAM, 7);
        PrescriptionIssued contraindicated = issue(HOSP_3, DOC_17, T.plusSeconds(180), ITRACONAZOLE, 7);

        events.send(new PrescriptionCancelled(cancelled.prescriptionId(), HOSP_3, DOC_17, "changed", T), patient);
        events.send(new PrescriptionExpired(contraindicated.prescriptionId(), 1, T.plusSeconds(86_400 * 5)), patient);

        assertThat(alertsOf(cancelled)).singleElement().extracting(AlertView::status).isEqualTo(AlertView.RESOLVED);
        assertThat(alertsOf(contraindicated)).singleElement().extracting(AlertView::status)
                .isEqualTo(AlertView.RESOLVED);
        assertThat(course(cancelled.prescriptionId(), 1, 1)).containsEntry("status", "STOPPED");
        assertThat(course(contraindicated.prescriptionId(), 1, 1)).containsEntry("status", "STOPPED");
        assertThat(alertsOf(expired)).isEmpty();
        assertThat(queries.handle(new FindAlertsForPatient(patient))).hasSize(2)
                .allSatisfy(alert -> assertThat(alert.status()).isEqualTo(AlertView.RESOLVED));
    }

    @Test
    void acknowledgementsComeWithTheIssueAndLater() throws Exception {
        PrescriptionIssued first = issue(HOSP_1, DOC_1, T, AMLODIPINE, 28);
        PrescriptionId intended = PrescriptionId.random();
        List<AlertView> draft = queries.handle(new CheckDuplicates(patient,
                List.of(new DraftLine(1, AMLODIPINE_GENERIC, 28)), DAY, intended));
        AlertId predicted = draft.get(0).alertId();

        PrescriptionIssued second = issued(intended, patient, HOSP_3, DOC_17, T.plusSeconds(60),
                List.of(ack(predicted, "dose change agreed with cardiologist"),
                        ack(AlertId.of("no-such-alert"), "ignored")),
                line(1, AMLODIPINE_GENERIC, 28));
        events.send(second, patient);

        Party prescriber = Party.prescriber(DOC_17, HOSP_3);
        assertThat(alertsOf(second)).singleElement().satisfies(alert -> {
            assertThat(alert.alertId()).isEqualTo(predicted);
            assertThat(alert.acknowledgements()).containsExactly(new AcknowledgementView(predicted,
                    "dose change agreed with cardiologist", prescriber, T.plusSeconds(60)));
        });

        Party pharmacist = Party.pharmacist(PHARMACIST, PHARMACY);
        events.send(new AlertAcknowledged(intended, predicted, "patient confirmed", pharmacist, T.plusSeconds(600)),
                patient);
        events.send(new AlertAcknowledged(intended, AlertId.of("unknown"), "nothing", pharmacist, T), patient);

        assertThat(alertsOf(second).get(0).acknowledgements()).extracting(AcknowledgementView::acknowledgedBy)
                .containsExactly(prescriber, pharmacist);
        assertThat(alertsOf(first)).isEmpty();
    }

    @Test
    void withoutConsentConflictsFromOtherInstitutionsNameNeitherInstitutionNorPrescriber() throws Exception {
        PrescriptionIssued other = issue(HOSP_1, DOC_1, T, AMLODIPINE, 28);
        PrescriptionIssued same = issue(HOSP_3, DOC_17, T, AMLODIPINE, 28);
        PrescriptionIssued latest = issue(HOSP_3, DOC_17, T.plusSeconds(60), AMLODIPINE_GENERIC, 28);
        Conflict fromOther = new Conflict(other.prescriptionId(), 1, 1, AMLODIPINE, DAY, DAY.plusDays(27), HOSP_1, DOC_1);
        Conflict fromSame = new Conflict(same.prescriptionId(), 1, 1, AMLODIPINE, DAY, DAY.plusDays(27), HOSP_3, DOC_17);

        // no consent recorded: not shared
        assertThat(alertsOf(latest).get(0).conflicts()).containsExactlyInAnyOrder(fromOther.masked(), fromSame);

        assertThat(queries.alertsOnceProcessed(latest.prescriptionId(), 0)).hasValue(alertsOf(latest));

        events.send(new ConsentGiven(patient, T));
        assertThat(alertsOf(latest).get(0).conflicts()).containsExactlyInAnyOrder(fromOther, fromSame);
        assertThat(queries.handle(new FindAlertsForPatient(patient)).get(0).conflicts())
                .containsExactlyInAnyOrder(fromOther, fromSame);
        assertThat(queries.alertsOnceProcessed(latest.prescriptionId(), 0)).hasValue(alertsOf(latest));

        events.send(new ConsentWithdrawn(patient, T.plusSeconds(1)));
        assertThat(alertsOf(latest).get(0).conflicts()).containsExactlyInAnyOrder(fromOther.masked(), fromSame);
        assertThat(queries.handle(new FindAlertsForPatient(patient)).get(0).conflicts())
                .containsExactlyInAnyOrder(fromOther.masked(), fromSame);

        // the stored row keeps both, so a rebuild does not depend on when consent changed
        String stored = jdbc.sql("select conflicts::text from medication_alert where prescription_id = :id")
                .param("id", latest.prescriptionId().value()).query(String.class).single();
        assertThat(stored).contains("HOSP-1", "DOC-1");
    }

    @Test
    void aDraftCheckMasksEveryConflictWithoutConsentAndNamesThemWithIt() throws Exception {
        issue(HOSP_3, DOC_17, T, AMLODIPINE, 28);
        CheckDuplicates check = new CheckDuplicates(patient, List.of(new DraftLine(1, AMLODIPINE, 28)), DAY,
                PrescriptionId.random());

        assertThat(queries.handle(check).get(0).conflicts()).extracting(Conflict::institutionId).containsOnlyNulls();
        events.send(new ConsentGiven(patient, T));
        assertThat(queries.handle(check).get(0).conflicts()).extracting(Conflict::institutionId)
                .containsExactly(HOSP_3);
    }

    @Test
    void aDraftCheckWritesNothingAndPredictsTheIdsOfTheIssue() throws Exception {
        issue(HOSP_1, DOC_1, T, AMLODIPINE, 28);
        issue(HOSP_1, DOC_1, T, ITRACONAZOLE, 28);
        PrescriptionId intended = PrescriptionId.random();
        List<Integer> before = List.of(count("medication_course"), count("medication_alert"), count("alert_progress"),
                count("patient_consent"));

        List<AlertView> draft = queries.handle(new CheckDuplicates(patient,
                List.of(new DraftLine(1, AMLODIPINE_GENERIC, 28), new DraftLine(2, TRIAZOLAM, 7),
                        new DraftLine(3, METFORMIN, 28)), DAY, intended));

        assertThat(List.of(count("medication_course"), count("medication_alert"), count("alert_progress"),
                count("patient_consent"))).isEqualTo(before);
        assertThat(draft).extracting(AlertView::lineNumber, AlertView::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, AlertType.SAME_INGREDIENT),
                org.assertj.core.groups.Tuple.tuple(2, AlertType.CONTRAINDICATED));
        assertThat(draft).allSatisfy(alert -> {
            assertThat(alert.status()).isEqualTo(AlertView.OPEN);
            assertThat(alert.acknowledgements()).isEmpty();
            assertThat(alert.prescriptionId()).isEqualTo(intended);
        });

        PrescriptionIssued issued = issued(intended, patient, HOSP_3, DOC_17, T, List.of(),
                line(1, AMLODIPINE_GENERIC, 28), line(2, TRIAZOLAM, 7), line(3, METFORMIN, 28));
        events.send(issued, patient);
        assertThat(alertsOf(issued)).extracting(AlertView::alertId)
                .containsExactlyElementsOf(draft.stream().map(AlertView::alertId).toList());
    }

    @Test
    void theMedicationListSplitsCurrentFromPastCourses() throws Exception {
        PrescriptionIssued ended = issue(HOSP_1, DOC_1, T.minusSeconds(86_400L * 60), METFORMIN, 28);
        PrescriptionIssued running = issue(HOSP_1, DOC_1, T, AMLODIPINE, 28);
        PrescriptionIssued cancelled = issue(HOSP_3, DOC_17, T, TRIAZOLAM, 14);
        events.send(new PrescriptionCancelled(cancelled.prescriptionId(), HOSP_3, DOC_17, "not needed", T), patient);

        MedicationList list = queries.handle(new FindMedicationList(patient, DAY.plusDays(5)));

        assertThat(list.patientId()).isEqualTo(patient);
        assertThat(list.current()).singleElement().satisfies(course -> {
            assertThat(course.prescriptionId()).isEqualTo(running.prescriptionId());
            assertThat(course.lineNumber()).isEqualTo(1);
            assertThat(course.use()).isEqualTo(1);
            assertThat(course.drugCode()).isEqualTo(AMLODIPINE);
            assertThat(course.drugName()).isEqualTo("Amlodipine 5 mg tablet (brand A)");
            assertThat(course.ingredients()).containsExactly("amlodipine");
            assertThat(course.route()).isEqualTo(Route.ORAL);
            assertThat(course.from()).isEqualTo(DAY);
            assertThat(course.to()).isEqualTo(DAY.plusDays(27));
            assertThat(course.status()).isEqualTo(CourseStatus.PLANNED);
            assertThat(course.institutionId()).isEqualTo(HOSP_1);
            assertThat(course.prescriberId()).isEqualTo(DOC_1);
        });
        assertThat(list.past()).extracting(CourseView::prescriptionId)
                .containsExactly(cancelled.prescriptionId(), ended.prescriptionId());
        assertThat(list.past()).extracting(CourseView::status)
                .containsExactly(CourseStatus.STOPPED, CourseStatus.PLANNED);
    }

    @Test
    void theIssueAnswersReadAnswersTheAlertsOnlyOnceTheProjectionHasProcessedTheVersion() throws Exception {
        PrescriptionIssued first = issue(HOSP_1, DOC_1, T, AMLODIPINE, 28);
        PrescriptionId next = PrescriptionId.random();
        assertThat(queries.alertsOnceProcessed(next, 0)).isEmpty();

        PrescriptionIssued second = issued(next, patient, HOSP_3, DOC_17, T, List.of(),
                line(1, AMLODIPINE_GENERIC, 28), line(2, ITRACONAZOLE, 14), line(3, TRIAZOLAM, 14));
        events.send(second, patient);

        assertThat(queries.alertsOnceProcessed(first.prescriptionId(), 0)).hasValue(List.of());
        assertThat(queries.alertsOnceProcessed(next, 0)).hasValueSatisfying(alerts -> {
            assertThat(alerts).hasSizeGreaterThan(1).isEqualTo(alertsOf(second));
            assertThat(alerts).extracting(AlertView::lineNumber).isSorted();
        });
        assertThat(queries.alertsOnceProcessed(next, 1)).isEmpty();

        events.send(new PrescriptionAccepted(next, PHARMACY, PHARMACIST, 1, T), patient);
        assertThat(queries.alertsOnceProcessed(next, 1)).hasValue(alertsOf(second));
    }

    @Test
    void aRedeliveredEventIsSkipped() throws Exception {
        PrescriptionIssued first = issue(HOSP_1, DOC_1, T, AMLODIPINE, 28);
        PrescriptionIssued second = issued(PrescriptionId.random(), patient, HOSP_3, DOC_17, T, List.of(),
                line(1, AMLODIPINE_GENERIC, 28));
        var issuedMessage = events.send(second, patient);
        AlertId alertId = alertsOf(second).get(0).alertId();
        var ackMessage = events.send(new AlertAcknowledged(second.prescriptionId(), alertId, "seen",
                Party.prescriber(DOC_17, HOSP_3), T), patient);
        var cancelMessage = events.send(new PrescriptionCancelled(first.prescriptionId(), HOSP_1, DOC_1, "x", T), patient);
        List<AlertView> before = alertsOf(second);

        events.redeliver(issuedMessage);
        events.redeliver(ackMessage);
        events.redeliver(cancelMessage);

        assertThat(alertsOf(second)).isEqualTo(before);
        assertThat(before.get(0).acknowledgements()).hasSize(1);
        assertThat(before.get(0).status()).isEqualTo(AlertView.RESOLVED);
        assertThat(count("medication_course")).isEqualTo(2);
    }

    @Test
    void aRedeliveredIssueLeavesItsDispensedCourseAndItsProgressAsTheyAre() throws Exception {
        PrescriptionIssued issued = issued(PrescriptionId.random(), patient, HOSP_1, DOC_1, T, List.of(),
                line(1, AMLODIPINE, 28));
        var issuedMessage = events.send(issued, patient);
        PrescriptionId id = issued.prescriptionId();
        Instant dispensedAt = T.plusSeconds(3 * 86_400);
        events.send(new PrescriptionAccepted(id, PHARMACY, PHARMACIST, 1, dispensedAt), patient);
        events.send(new PrescriptionDispensed(id, PHARMACY, PHARMACIST, 1, List.of(new DispensedItem(1,
                AMLODIPINE_GENERIC, new BigDecimal("28"), 28)), false, dispensedAt), patient);
        Map<String, Object> dispensed = course(id, 1, 1);

        events.redeliver(issuedMessage);

        assertThat(course(id, 1, 1)).isEqualTo(dispensed).containsEntry("status", "DISPENSED");
        assertThat(queries.handle(new FindAlertProgress(id))).isEqualTo(2L);
    }

    @Test
    void aResetFollowedByAReplayRebuildsExactlyTheSameRowsIdsIncluded() throws Exception {
        PrescriptionIssued first = issue(HOSP_1, DOC_1, T, AMLODIPINE, 28);
        PrescriptionIssued second = issue(HOSP_3, DOC_17, T, AMLODIPINE_GENERIC, 28);
        issue(HOSP_3, DOC_17, T.plusSeconds(60), ITRACONAZOLE, 14);
        PrescriptionIssued triazolam = issued(PrescriptionId.random(), patient, HOSP_1, DOC_1, T.plusSeconds(120),
                List.of(), line(1, TRIAZOLAM, 14), line(2, AMLODIPINE, 28));
        events.send(triazolam, patient);
        events.send(new ConsentGiven(patient, T));
        events.send(new PrescriptionDispensed(second.prescriptionId(), PHARMACY, PHARMACIST, 1,
                List.of(new DispensedItem(1, null, new BigDecimal("28"), 28)), true, T.plusSeconds(86_400)), patient);
        events.send(new AlertAcknowledged(second.prescriptionId(), alertsOf(second).get(0).alertId(), "seen",
                Party.pharmacist(PHARMACIST, PHARMACY), T.plusSeconds(86_400)), patient);
        events.send(new PrescriptionCancelled(first.prescriptionId(), HOSP_1, DOC_1, "x", T.plusSeconds(7200)), patient);
        Snapshot live = snapshot();
        assertThat(live.alerts()).hasSizeGreaterThanOrEqualTo(4);

        events.prepareReset();
        assertThat(count("medication_alert") + count("medication_course") + count("patient_consent")
                + count("alert_progress")).isZero();
        events.replayAll();

        assertThat(snapshot()).isEqualTo(live);
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

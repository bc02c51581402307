package org.eprescription.core.prescription;

import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.Party;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.ids.QueryId;
import org.eprescription.core.interaction.AlertIds;
import org.eprescription.core.interaction.AlertType;
import org.eprescription.core.interaction.CheckTrigger;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.InteractionChecker;
import org.eprescription.core.interaction.InteractionRules;
import org.eprescription.core.interaction.MedicationCourse;
import org.eprescription.core.testsupport.ListedCourses;
import org.eprescription.core.interaction.RecordedAlert;
import org.eprescription.core.interaction.RecordedConflict;
import org.eprescription.core.interaction.RecordedCourse;
import org.eprescription.core.interaction.Severity;
import org.eprescription.core.prescription.command.AnswerQuery;
import org.eprescription.core.prescription.command.CorrectDispensing;
import org.eprescription.core.prescription.event.DispensingCorrected;
import org.eprescription.core.prescription.event.DispensingWithdrawn;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.core.prescription.event.PrescriberQueried;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.eprescription.core.prescription.event.PrescriptionAmended;
import org.eprescription.core.prescription.event.QueryAnswered;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.eprescription.core.testsupport.SampleDrugs.CATALOGUE;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_BRAND_A;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_GENERIC_C;
import static org.eprescription.core.testsupport.SampleDrugs.LOXOPROFEN_TABLET;

/**
 * What corrections and amendments record of courses and alerts (docs/alerts.md): a correction re-checks the courses
 * it changed as a dispensing does, a withdrawal stops its course, and an amendment checks the amended lines' planned
 * courses as an issue does.
 */
class CorrectionAndAmendmentCheckTest extends PrescriptionTestSupport {

    private static final PrescriptionId OTHER = PrescriptionId.of("11111111-2222-4333-8444-555555555555");
    private static final InstitutionId ELSEWHERE = InstitutionId.of("hospital-9");
    private static final QueryId QUERY = QueryId.of("0b7a3f4e-2c1d-4e5f-8a9b-0c1d2e3f4a5b");

    private final List<MedicationCourse> otherCourses = new ArrayList<>();

    @Override
    InteractionChecker checker() {
        return new InteractionChecker(new InteractionRules(CATALOGUE, false), new ListedCourses(otherCourses));
    }

    private InteractionCheckCompleted check(CheckTrigger trigger, List<RecordedCourse> courses,
                                            List<RecordedAlert> alerts) {
        return described(new InteractionCheckCompleted(ID, PATIENT.id(), HOSPITAL, DOCTOR, trigger, courses, alerts,
                CATALOGUE.version(), clock.instant()));
    }

    private MedicationCourse otherAmlodipine(LocalDate from, LocalDate to) {
        return new MedicationCourse(OTHER, 1, 1, PATIENT.id(), AMLODIPINE_BRAND_A, from, to, CourseStatus.DISPENSED,
                ELSEWHERE, DOCTOR_ELSEWHERE);
    }

    private RecordedAlert amlodipineAlert(int line, LocalDate from, LocalDate to, MedicationCourse conflict,
                                          boolean sameProduct) {
        return new RecordedAlert(AlertIds.of(ID, line, AlertType.SAME_INGREDIENT, "amlodipine"),
                AlertType.SAME_INGREDIENT, Severity.HIGH, line, 1,
                sameProduct ? AMLODIPINE_BRAND_A : AMLODIPINE_GENERIC_C, "amlodipine", "amlodipine", from, to,
                List.of(new RecordedConflict(conflict.prescriptionId(), conflict.lineNumber(), conflict.use(),
                        conflict.drugCode(), conflict.from(), conflict.to(), conflict.status(),
                        conflict.institutionId(), conflict.prescriberId(), sameProduct)));
    }

    private static RecordedCourse course(int line, LocalDate from, int days, CourseStatus status) {
        return new RecordedCourse(line, 1, line == 1 ? AMLODIPINE_BRAND_A : LOXOPROFEN_TABLET, from,
                from.plusDays(days - 1L), status);
    }

    private List<RecordedCourse> plannedAtIssue() {
        return List.of(course(1, ISSUE_DAY, 28, CourseStatus.PLANNED), course(2, ISSUE_DAY, 7, CourseStatus.PLANNED));
    }

    private CorrectDispensing correct(int sequence, DispensedItem... items) {
        return new CorrectDispensing(ID, PHARMACY_A, pharmacistOf(PHARMACY_A), sequence, "typo",
                items.length == 0 ? null : List.of(items));
    }

    /** Issued and accepted; line 1 dispensed by these dispensings, for 14 days in all; no alert. */
    private Object[] lineOneDispensedForTwoWeeks(PrescriptionDispensed... dispensings) {
        List<Object> given = new ArrayList<>(List.of(issued(), check(CheckTrigger.ISSUE, plannedAtIssue(), List.of()),
                accepted(PHARMACY_A)));
        given.addAll(List.of(dispensings));
        given.add(check(CheckTrigger.DISPENSING, List.of(course(1, ISSUE_DAY, 14, CourseStatus.DISPENSED)), List.of()));
        return given.toArray();
    }

    private DispensingWithdrawn withdrawn(int sequence) {
        return new DispensingWithdrawn(ID, sequence, 1, PHARMACY_A, pharmacistOf(PHARMACY_A), "typo", clock.instant(),
                ISSUE_DAY);
    }

    private InteractionCheckCompleted correctionCheck(RecordedCourse course) {
        return check(CheckTrigger.CORRECTION, List.of(course), List.of());
    }

    @Test
    void aCorrectionRecordsTheCourseAsTheCorrectedDispensingGivesIt() {
        fixture.given(lineOneDispensedForTwoWeeks(dispensed(PHARMACY_A, 1, false, item(1, 14, 14))))
                .when(correct(1, item(1, 10, 10)))
                .expectEvents(new DispensingCorrected(ID, 1, 1, PHARMACY_A, pharmacistOf(PHARMACY_A), "typo",
                                List.of(item(1, 10, 10)), false, clock.instant(), ISSUE_DAY,
                                List.of(new LineQuantity(1, java.math.BigDecimal.TEN)), List.of()),
                        correctionCheck(course(1, ISSUE_DAY, 10, CourseStatus.DISPENSED)));
    }

    @Test
    void aWithdrawalStopsTheCourseItGave() {
        fixture.given(lineOneDispensedForTwoWeeks(dispensed(PHARMACY_A, 1, false, item(1, 14, 14))))
                .when(correct(1))
                .expectEvents(withdrawn(1), correctionCheck(course(1, ISSUE_DAY, 14, CourseStatus.STOPPED)));
    }

    @Test
    void aWithdrawalShortensTheCourseToWhatOtherDispensingsOfTheLineCover() {
        fixture.given(lineOneDispensedForTwoWeeks(dispensed(PHARMACY_A, 1, false, item(1, 7, 7)),
                        dispensed(PHARMACY_A, 1, false, item(1, 14, 14))))
                .when(correct(2))
                .expectEvents(withdrawn(2), correctionCheck(course(1, ISSUE_DAY, 7, CourseStatus.DISPENSED)));
    }

    private static RecordedCourse amlodipineDispensed(LocalDate to) {
        return new RecordedCourse(1, 1, AMLODIPINE_BRAND_A, ISSUE_DAY, to, CourseStatus.DISPENSED);
    }

    @Test
    void aCorrectionOfASecondPortionCountsTheDaysOfEveryPortionFromTheFirstDay() {
        List<Object> given = new ArrayList<>(List.of(issued(), check(CheckTrigger.ISSUE, plannedAtIssue(), List.of()),
                accepted(PHARMACY_A), dispensed(PHARMACY_A, 1, false, item(1, 14, 14)),
                check(CheckTrigger.DISPENSING, List.of(amlodipineDispensed(ISSUE_DAY.plusDays(13))), List.of())));
        LocalDate secondPortionDay = ISSUE_DAY.plusDays(10);
        today(secondPortionDay);
        given.add(dispensed(PHARMACY_A, 1, false, item(1, 10, 10)));
        given.add(check(CheckTrigger.DISPENSING, List.of(amlodipineDispensed(ISSUE_DAY.plusDays(23))), List.of()));

        // 14 + 14 days from the first day end on day 27, after the corrected portion's own end (day 23)
        fixture.given(given.toArray())
                .when(correct(2, item(1, 14, 14)))
                .expectEvents(new DispensingCorrected(ID, 2, 1, PHARMACY_A, pharmacistOf(PHARMACY_A), "typo",
                                List.of(item(1, 14, 14)), false, clock.instant(), secondPortionDay,
                                List.of(new LineQuantity(1, qty(14))), List.of()),
                        correctionCheck(amlodipineDispensed(ISSUE_DAY.plusDays(27))));
    }

    @Test
    void aWithdrawalLeavesTheCourseTheOtherPortionsSuppliedTogether() {
        List<Object> given = new ArrayList<>(List.of(issued(), check(CheckTrigger.ISSUE, plannedAtIssue(), List.of()),
                accepted(PHARMACY_A), dispensed(PHARMACY_A, 1, false, item(1, 14, 14))));
        today(ISSUE_DAY.plusDays(5));
        given.add(dispensed(PHARMACY_A, 1, false, item(1, 7, 7)));
        LocalDate thirdPortionDay = ISSUE_DAY.plusDays(8);
        today(thirdPortionDay);
        given.add(dispensed(PHARMACY_A, 1, false, item(1, 7, 7)));
        given.add(check(CheckTrigger.DISPENSING, List.of(amlodipineDispensed(ISSUE_DAY.plusDays(27))), List.of()));

        // without the third portion, 14 + 7 days from the first day: day 20, later than the second's own end (day 11)
        fixture.given(given.toArray())
                .when(correct(3))
                .expectEvents(new DispensingWithdrawn(ID, 3, 1, PHARMACY_A, pharmacistOf(PHARMACY_A), "typo",
                                clock.instant(), thirdPortionDay),
                        correctionCheck(amlodipineDispensed(ISSUE_DAY.plusDays(20))));
    }

    @Test
    void anAlertWhoseCourseAWithdrawalStoppedIsRaisedAgainWhenTheLineIsDispensedAgain() {
        MedicationCourse running = otherAmlodipine(ISSUE_DAY.minusDays(3), ISSUE_DAY.plusDays(30));
        otherCourses.add(running);
        RecordedAlert atIssue = amlodipineAlert(1, ISSUE_DAY, ISSUE_DAY.plusDays(27), running, true);
        RecordedAlert atDispensing = amlodipineAlert(1, ISSUE_DAY, ISSUE_DAY.plusDays(13), running, true);
        Object[] given = {issued(), check(CheckTrigger.ISSUE, plannedAtIssue(), List.of(atIssue)),
                accepted(PHARMACY_A), dispensed(PHARMACY_A, 1, false, item(1, 14, 14)),
                check(CheckTrigger.DISPENSING, List.of(course(1, ISSUE_DAY, 14, CourseStatus.DISPENSED)), List.of()),
                withdrawn(1), correctionCheck(course(1, ISSUE_DAY, 14, CourseStatus.STOPPED))};
        fixture.given(given)
                .when(dispense(PHARMACY_A, item(1, 14, 14)))
                .expectEvents(dispensed(PHARMACY_A, 1, false, item(1, 14, 14)),
                        check(CheckTrigger.DISPENSING, List.of(course(1, ISSUE_DAY, 14, CourseStatus.DISPENSED)),
                                List.of(atDispensing)));
    }

    @Test
    void anAcceptedChangeChecksTheAmendedLinesPlannedCoursesAsAnIssueDoes() {
        MedicationCourse running = otherAmlodipine(ISSUE_DAY.minusDays(3), ISSUE_DAY.plusDays(30));
        otherCourses.add(running);
        PrescribedLine loxoprofen = line(1, LOXOPROFEN_TABLET, 21, 7);
        PrescribedLine addedAmlodipine = line(2, AMLODIPINE_GENERIC_C, 28, 28);
        Object[] given = {issued(List.of(loxoprofen), 0, DEFAULT_VALID_UNTIL),
                check(CheckTrigger.ISSUE, List.of(new RecordedCourse(1, 1, LOXOPROFEN_TABLET, ISSUE_DAY,
                        ISSUE_DAY.plusDays(6), CourseStatus.PLANNED)), List.of()),
                accepted(PHARMACY_A),
                new PrescriberQueried(ID, QUERY, PHARMACY_A, pharmacistOf(PHARMACY_A), 1, "add amlodipine?",
                        List.of(addedAmlodipine), clock.instant())};
        LocalDate answeredOn = ISSUE_DAY.plusDays(1);
        today(answeredOn);
        RecordedAlert found = new RecordedAlert(AlertIds.of(ID, 2, AlertType.SAME_INGREDIENT, "amlodipine"),
                AlertType.SAME_INGREDIENT, Severity.HIGH, 2, 1, AMLODIPINE_GENERIC_C, "amlodipine", "amlodipine",
                answeredOn, answeredOn.plusDays(27), List.of(new RecordedConflict(OTHER, 1, 1, AMLODIPINE_BRAND_A,
                running.from(), running.to(), CourseStatus.DISPENSED, ELSEWHERE, DOCTOR_ELSEWHERE, false)));
        InteractionCheckCompleted expected = check(CheckTrigger.AMENDMENT, List.of(new RecordedCourse(2, 1,
                AMLODIPINE_GENERIC_C, answeredOn, answeredOn.plusDays(27), CourseStatus.PLANNED)), List.of(found));

        fixture.given(given)
                .when(new AnswerQuery(ID, QUERY, HOSPITAL, DOCTOR, "yes, add it", true))
                .expectEvents(new QueryAnswered(ID, QUERY, HOSPITAL, DOCTOR, "yes, add it", true, clock.instant()),
                        new PrescriptionAmended(ID, QUERY, HOSPITAL, DOCTOR, List.of(loxoprofen, addedAmlodipine),
                                List.of(2), clock.instant(), answeredOn, answeredOn),
                        expected)
                .expectResultMessagePayload(new CommandOutcome(6L, expected));
    }

    @Test
    void anAmendmentIsAcceptedBesideAnUnamendedLineThatConflictsWithARegisteredDispensing() {
        // a paper prescription's amlodipine, registered by a pharmacy: its conflicts name no prescription
        otherCourses.add(MedicationCourse.ofRecord(DispensingRecordId.random(), 1, 1, PATIENT.id(),
                AMLODIPINE_GENERIC_C, ISSUE_DAY.minusDays(3), ISSUE_DAY.plusDays(30), CourseStatus.DISPENSED, null,
                null, Party.pharmacist(pharmacistOf(PHARMACY_B), PHARMACY_B)));
        PrescribedLine loxoprofenForTwoWeeks = line(2, LOXOPROFEN_TABLET, 42, 14);
        Object[] given = {issued(), check(CheckTrigger.ISSUE, plannedAtIssue(), List.of()), accepted(PHARMACY_A),
                new PrescriberQueried(ID, QUERY, PHARMACY_A, pharmacistOf(PHARMACY_A), 1, "two weeks of loxoprofen?",
                        List.of(loxoprofenForTwoWeeks), clock.instant())};

        // the amlodipine line's conflict with the record was decided at issue: only the amended line is kept
        fixture.given(given)
                .when(new AnswerQuery(ID, QUERY, HOSPITAL, DOCTOR, "yes", true))
                .expectEvents(new QueryAnswered(ID, QUERY, HOSPITAL, DOCTOR, "yes", true, clock.instant()),
                        new PrescriptionAmended(ID, QUERY, HOSPITAL, DOCTOR, List.of(AMLODIPINE_LINE,
                                loxoprofenForTwoWeeks), List.of(2), clock.instant(), ISSUE_DAY, ISSUE_DAY),
                        check(CheckTrigger.AMENDMENT, List.of(course(2, ISSUE_DAY, 14, CourseStatus.PLANNED)),
                                List.of()));
    }

    private static final DrugCode CARBOCISTEINE = DrugCode.of("2233002F1280");
    private static final DrugCode AMLODIPINE_ATORVASTATIN = DrugCode.of("2190103F1020");

    @Test
    void anAmendmentInARefillUseConflictsWithTheOtherLinesCourseOfThatUse() {
        PrescribedLine amlodipine = line(1, AMLODIPINE_BRAND_A, 28, 28);
        PrescribedLine carbocisteine = line(2, CARBOCISTEINE, 28, 28);
        PrescribedLine combination = line(2, AMLODIPINE_ATORVASTATIN, 28, 28);
        LocalDate planned = ISSUE_DAY.plusDays(28);
        // use 1 completed without amlodipine: its course of use 1 stopped, that of use 2 planned
        Object[] given = {issued(List.of(amlodipine, carbocisteine), 1, DEFAULT_VALID_UNTIL),
                check(CheckTrigger.ISSUE, List.of(course(1, ISSUE_DAY, 28, CourseStatus.PLANNED),
                        new RecordedCourse(2, 1, CARBOCISTEINE, ISSUE_DAY, ISSUE_DAY.plusDays(27),
                                CourseStatus.PLANNED)), List.of()),
                accepted(PHARMACY_A), dispensed(PHARMACY_A, 1, true, item(2, 28, 28)), refillScheduled(2, planned),
                check(CheckTrigger.DISPENSING, List.of(
                        new RecordedCourse(2, 1, CARBOCISTEINE, ISSUE_DAY, ISSUE_DAY.plusDays(27),
                                CourseStatus.DISPENSED),
                        course(1, ISSUE_DAY, 28, CourseStatus.STOPPED),
                        new RecordedCourse(1, 2, AMLODIPINE_BRAND_A, planned, planned.plusDays(27),
                                CourseStatus.PLANNED),
                        new RecordedCourse(2, 2, CARBOCISTEINE, planned, planned.plusDays(27),
                                CourseStatus.PLANNED)), List.of()),
                accepted(PHARMACY_A, 2),
                new PrescriberQueried(ID, QUERY, PHARMACY_A, pharmacistOf(PHARMACY_A), 2, "the combination instead?",
                        List.of(combination), clock.instant())};
        today(planned);
        RecordedAlert found = new RecordedAlert(AlertIds.of(ID, 2, AlertType.SAME_INGREDIENT, "amlodipine"),
                AlertType.SAME_INGREDIENT, Severity.HIGH, 2, 2, AMLODIPINE_ATORVASTATIN, "amlodipine", "amlodipine",
                planned, planned.plusDays(27), List.of(new RecordedConflict(ID, 1, 2, AMLODIPINE_BRAND_A, planned,
                planned.plusDays(27), CourseStatus.PLANNED, HOSPITAL, DOCTOR, false)));

        fixture.given(given)
                .when(new AnswerQuery(ID, QUERY, HOSPITAL, DOCTOR, "yes", true))
                .expectEvents(new QueryAnswered(ID, QUERY, HOSPITAL, DOCTOR, "yes", true, clock.instant()),
                        new PrescriptionAmended(ID, QUERY, HOSPITAL, DOCTOR, List.of(amlodipine, combination),
                                List.of(2), clock.instant(), planned, planned),
                        check(CheckTrigger.AMENDMENT, List.of(new RecordedCourse(2, 2, AMLODIPINE_ATORVASTATIN,
                                planned, planned.plusDays(27), CourseStatus.PLANNED)), List.of(found)));
    }

    /** Loxoprofen taken as needed (頓用), 10 tablets for 3 days: its course counts as 14 days whatever its days. */
    private static final PrescribedLine LOXOPROFEN_AS_NEEDED = new PrescribedLine(1, LOXOPROFEN_TABLET, qty(10),
            "tablet", "one when in pain", 3, true);

    private static RecordedCourse asNeededCourse(LocalDate from, CourseStatus status) {
        return new RecordedCourse(1, 1, LOXOPROFEN_TABLET, from, from.plusDays(13), status);
    }

    /** Issued as needed, accepted, and dispensed by these dispensings. */
    private Object[] asNeededLineDispensed(PrescriptionDispensed... dispensings) {
        List<Object> given = new ArrayList<>(List.of(issued(List.of(LOXOPROFEN_AS_NEEDED), 0, DEFAULT_VALID_UNTIL),
                check(CheckTrigger.ISSUE, List.of(asNeededCourse(ISSUE_DAY, CourseStatus.PLANNED)), List.of()),
                accepted(PHARMACY_A)));
        given.addAll(List.of(dispensings));
        given.add(check(CheckTrigger.DISPENSING, List.of(asNeededCourse(ISSUE_DAY, CourseStatus.DISPENSED)),
                List.of()));
        return given.toArray();
    }

    @Test
    void aCorrectionOfAnAsNeededLineStillCountsItsCourseAsFourteenDays() {
        fixture.given(asNeededLineDispensed(dispensed(PHARMACY_A, 1, false, item(1, 10, 3))))
                .when(correct(1, item(1, 5, 3)))
                .expectEvents(new DispensingCorrected(ID, 1, 1, PHARMACY_A, pharmacistOf(PHARMACY_A), "typo",
                                List.of(item(1, 5, 3)), false, clock.instant(), ISSUE_DAY,
                                List.of(new LineQuantity(1, qty(5))), List.of()),
                        correctionCheck(asNeededCourse(ISSUE_DAY, CourseStatus.DISPENSED)));
    }

    @Test
    void aWithdrawalLeavesAnAsNeededLinesOtherDispensingCountingFourteenDays() {
        fixture.given(asNeededLineDispensed(dispensed(PHARMACY_A, 1, false, item(1, 5, 3)),
                        dispensed(PHARMACY_A, 1, false, item(1, 5, 3))))
                .when(correct(2))
                .expectEvents(withdrawn(2), correctionCheck(asNeededCourse(ISSUE_DAY, CourseStatus.DISPENSED)));
    }

    @Test
    void anAmendmentToAnAsNeededLinePlansAFourteenDayCourse() {
        PrescribedLine amlodipine = line(1, AMLODIPINE_BRAND_A, 28, 28);
        Object[] given = {issued(List.of(amlodipine), 0, DEFAULT_VALID_UNTIL),
                check(CheckTrigger.ISSUE, List.of(course(1, ISSUE_DAY, 28, CourseStatus.PLANNED)), List.of()),
                accepted(PHARMACY_A),
                new PrescriberQueried(ID, QUERY, PHARMACY_A, pharmacistOf(PHARMACY_A), 1, "loxoprofen when in pain?",
                        List.of(LOXOPROFEN_AS_NEEDED), clock.instant())};
        LocalDate answeredOn = ISSUE_DAY.plusDays(1);
        today(answeredOn);
        InteractionCheckCompleted expected = check(CheckTrigger.AMENDMENT,
                List.of(asNeededCourse(answeredOn, CourseStatus.PLANNED)), List.of());

        fixture.given(given)
                .when(new AnswerQuery(ID, QUERY, HOSPITAL, DOCTOR, "yes", true))
                .expectEvents(new QueryAnswered(ID, QUERY, HOSPITAL, DOCTOR, "yes", true, clock.instant()),
                        new PrescriptionAmended(ID, QUERY, HOSPITAL, DOCTOR, List.of(LOXOPROFEN_AS_NEEDED),
                                List.of(1), clock.instant(), answeredOn, answeredOn),
                        expected);
    }
}

package org.eprescription.core.prescription;

import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.testsupport.ListedCourses;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.AlertIds;
import org.eprescription.core.interaction.AlertType;
import org.eprescription.core.interaction.CheckTrigger;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.InteractionChecker;
import org.eprescription.core.interaction.InteractionRules;
import org.eprescription.core.interaction.MedicationCourse;
import org.eprescription.core.interaction.RecordedAlert;
import org.eprescription.core.interaction.RecordedConflict;
import org.eprescription.core.interaction.RecordedCourse;
import org.eprescription.core.interaction.Severity;
import org.eprescription.core.prescription.command.CorrectDispensing;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.predicate;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_BRAND_A;
import static org.eprescription.core.testsupport.SampleDrugs.CATALOGUE;
import static org.eprescription.core.testsupport.SampleDrugs.METFORMIN;
import static org.eprescription.core.testsupport.SampleDrugs.VALSARTAN_AMLODIPINE;

/**
 * Clashes a dispensing or its correction must alert (docs/domain.md, "Duplicate and interaction alerts"): a line handed
 * out again opens the alert its stopped course resolved, a dispensed course lasts as long as the quantity handed out,
 * and each use's lines are compared with each other, refill uses too.
 */
class ClashesAlertedAgainTest extends PrescriptionTestSupport {

    private static final PrescriptionId OTHER = PrescriptionId.of("11111111-2222-4333-8444-555555555555");
    private static final InstitutionId ELSEWHERE = InstitutionId.of("hospital-9");
    private static final AlertId LINE_1_AMLODIPINE = AlertIds.of(ID, 1, AlertType.SAME_INGREDIENT, "amlodipine");
    private static final AlertId LINE_2_AMLODIPINE = AlertIds.of(ID, 2, AlertType.SAME_INGREDIENT, "amlodipine");

    private static final PrescribedLine AMLODIPINE = line(1, AMLODIPINE_BRAND_A, 28, 28);
    private static final PrescribedLine METFORMIN_LINE = line(2, METFORMIN, 56, 28);
    private static final PrescribedLine COMBINATION = line(2, VALSARTAN_AMLODIPINE, 28, 28);

    /** The patient's courses of other prescriptions, as the command-side record holds them. */
    private final List<MedicationCourse> otherCourses = new ArrayList<>();

    @Override
    InteractionChecker checker() {
        return new InteractionChecker(new InteractionRules(CATALOGUE, false), new ListedCourses(otherCourses));
    }

    /** Another hospital's amlodipine, handed out three days ago for 34 days: it runs through this prescription's. */
    private void amlodipineRunningElsewhere() {
        otherCourses.add(new MedicationCourse(OTHER, 1, 1, PATIENT.id(), AMLODIPINE_BRAND_A, ISSUE_DAY.minusDays(3),
                ISSUE_DAY.plusDays(30), CourseStatus.DISPENSED, ELSEWHERE, DOCTOR_ELSEWHERE));
    }

    private static CorrectDispensing correct(int sequence, DispensedItem... items) {
        return new CorrectDispensing(ID, PHARMACY_A, pharmacistOf(PHARMACY_A), sequence, "left out the amlodipine",
                List.of(items));
    }

    private static RecordedAlert alert(InteractionCheckCompleted check, AlertId alertId) {
        assertThat(check).as("the command recorded its check").isNotNull();
        return check.alerts().stream().filter(alert -> alert.alertId().equals(alertId)).findFirst()
                .orElseThrow(() -> new AssertionError("alert " + alertId + " not raised: " + check.alerts()));
    }

    private static RecordedCourse course(InteractionCheckCompleted check, int line, int use) {
        return check.courses().stream().filter(course -> course.lineNumber() == line && course.use() == use)
                .findFirst().orElseThrow(() -> new AssertionError("no course of line " + line + ", use " + use
                        + ": " + check.courses()));
    }

    private static List<String> courseKeys(RecordedAlert alert) {
        return alert.conflicts().stream().map(RecordedConflict::courseKey).toList();
    }

    // ----- a line handed out again after its course stopped -----

    @Test
    void aLineASameDayCorrectionHandsOutAfterTheUseWasCompletedWithoutItOpensItsAlertAgain() {
        amlodipineRunningElsewhere();
        // the issue alerts amlodipine; the use is completed with metformin only, which stops amlodipine's course
        fixture.givenCommands(issue(List.of(AMLODIPINE, METFORMIN_LINE), 0, null), accept(PHARMACY_A),
                        dispenseCompletingUse(PHARMACY_A, item(2, 56, 28)))
                .when(correct(1, item(2, 56, 28), item(1, 28, 28)))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayloadMatching(whoseCheck(check -> {
                    RecordedAlert again = alert(check, LINE_1_AMLODIPINE);
                    assertThat(courseKeys(again)).containsExactly(OTHER + "|1|1");
                    assertThat(course(check, 1, 1).status()).isEqualTo(CourseStatus.DISPENSED);
                }));
    }

    @Test
    void anAlertOnAnotherLineWhoseOnlyConflictStoppedOpensAgainWhenThatLineIsHandedOutAgain() {
        // line 2 duplicates line 1; the use is completed with line 2 only, which stops line 1's course and so
        // resolves the alert on line 2; the correction hands line 1 out after all
        fixture.givenCommands(issue(List.of(AMLODIPINE, COMBINATION), 0, null), accept(PHARMACY_A),
                        dispenseCompletingUse(PHARMACY_A, item(2, 28, 28)))
                .when(correct(1, item(2, 28, 28), item(1, 28, 28)))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayloadMatching(whoseCheck(check -> {
                    RecordedAlert again = alert(check, LINE_2_AMLODIPINE);
                    assertThat(courseKeys(again)).containsExactly(ID + "|1|1");
                    assertThat(again.conflicts().get(0).status()).isEqualTo(CourseStatus.DISPENSED);
                }));
    }

    @Test
    void anAlertStillOpenIsNotRaisedAgainByADispensingThatNamesNothingNew() {
        amlodipineRunningElsewhere();
        fixture.givenCommands(issue(List.of(AMLODIPINE, METFORMIN_LINE), 0, null), accept(PHARMACY_A),
                        dispense(PHARMACY_A, item(2, 56, 28)))
                .when(dispenseCompletingUse(PHARMACY_A, item(1, 28, 28)))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayloadMatching(whoseCheck(check -> assertThat(check.alerts()).isEmpty()));
    }

    // ----- a course lasts as long as the quantity handed out -----

    @Test
    void theWholeQuantityRecordedAsOneDayRunsForTheDaysTheQuantityCovers() {
        expectTheCheckToRecordLineOnesCourseTo(dispenseCompletingUse(PHARMACY_A, item(1, 28, 1)),
                ISSUE_DAY.plusDays(27));
    }

    @Test
    void halfTheQuantityRecordedAsOneDayRunsForHalfTheLinesDays() {
        expectTheCheckToRecordLineOnesCourseTo(dispense(PHARMACY_A, item(1, 14, 1)), ISSUE_DAY.plusDays(13));
    }

    /**
     * One line of amlodipine held by pharmacy A, then {@code dispensing}: the course its check records ends on
     * {@code to}.
     */
    private void expectTheCheckToRecordLineOnesCourseTo(Object dispensing, LocalDate to) {
        fixture.givenCommands(issueWithLines(AMLODIPINE), accept(PHARMACY_A))
                .when(dispensing)
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayloadMatching(whoseCheck(check -> assertThat(check.courses()).containsExactly(
                        new RecordedCourse(1, 1, AMLODIPINE_BRAND_A, ISSUE_DAY, to, CourseStatus.DISPENSED))));
    }

    @Test
    void aCorrectionToOneDayKeepsTheCourseTheQuantityCovers() {
        fixture.givenCommands(issueWithLines(AMLODIPINE), accept(PHARMACY_A),
                        dispenseCompletingUse(PHARMACY_A, item(1, 28, 28)))
                .when(correct(1, item(1, 28, 1)))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayloadMatching(whoseCheck(check -> assertThat(course(check, 1, 1).to())
                        .isEqualTo(ISSUE_DAY.plusDays(27))));
    }

    // ----- each use's lines with each other -----

    @Test
    void theNextUsesPlannedLinesAreComparedWithEachOther() {
        LocalDate planned = ISSUE_DAY.plusDays(28);
        fixture.givenCommands(issue(List.of(AMLODIPINE, COMBINATION), 1, null), accept(PHARMACY_A))
                .when(dispenseCompletingUse(PHARMACY_A, item(1, 28, 28), item(2, 28, 28)))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayloadMatching(whoseCheck(check -> {
                    RecordedAlert refill = alert(check, LINE_2_AMLODIPINE);
                    assertThat(refill.use()).isEqualTo(2);
                    assertThat(refill.from()).isEqualTo(planned);
                    assertThat(refill.conflicts()).containsExactly(new RecordedConflict(ID, 1, 2,
                            AMLODIPINE_BRAND_A, planned, planned.plusDays(27), CourseStatus.PLANNED, HOSPITAL, DOCTOR,
                            false));
                    assertThat(refill.severity()).isEqualTo(Severity.HIGH);
                }));
    }

    @Test
    void aRefillUsesLinesAreComparedWhenTheyAreHandedOutThoughTheirPlanningComparedNothing() {
        // as recorded before each use's lines were compared: use 2 planned without an alert
        LocalDate planned = ISSUE_DAY.plusDays(28);
        RecordedCourse amlodipineUse1 = new RecordedCourse(1, 1, AMLODIPINE_BRAND_A, ISSUE_DAY,
                ISSUE_DAY.plusDays(27), CourseStatus.DISPENSED);
        RecordedCourse combinationUse1 = new RecordedCourse(2, 1, VALSARTAN_AMLODIPINE, ISSUE_DAY,
                ISSUE_DAY.plusDays(27), CourseStatus.DISPENSED);
        RecordedAlert atIssue = new RecordedAlert(LINE_2_AMLODIPINE, AlertType.SAME_INGREDIENT, Severity.HIGH, 2, 1,
                VALSARTAN_AMLODIPINE, "amlodipine", "amlodipine", ISSUE_DAY, ISSUE_DAY.plusDays(27),
                List.of(new RecordedConflict(ID, 1, 1, AMLODIPINE_BRAND_A, ISSUE_DAY, ISSUE_DAY.plusDays(27),
                        CourseStatus.PLANNED, HOSPITAL, DOCTOR, false)));
        Object[] given = {issued(List.of(AMLODIPINE, COMBINATION), 1, DEFAULT_VALID_UNTIL),
                check(CheckTrigger.ISSUE, List.of(planned(amlodipineUse1), planned(combinationUse1)),
                        List.of(atIssue)),
                accepted(PHARMACY_A), dispensed(PHARMACY_A, 1, true, item(1, 28, 28), item(2, 28, 28)),
                refillScheduled(2, planned),
                check(CheckTrigger.DISPENSING, List.of(amlodipineUse1, combinationUse1,
                        new RecordedCourse(1, 2, AMLODIPINE_BRAND_A, planned, planned.plusDays(27),
                                CourseStatus.PLANNED),
                        new RecordedCourse(2, 2, VALSARTAN_AMLODIPINE, planned, planned.plusDays(27),
                                CourseStatus.PLANNED)), List.of())};
        today(planned);
        fixture.given(given)
                .andGivenCommands(accept(PHARMACY_A))
                .when(dispenseCompletingUse(PHARMACY_A, item(1, 28, 28), item(2, 28, 28)))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayloadMatching(whoseCheck(check -> {
                    RecordedAlert handedOut = alert(check, LINE_2_AMLODIPINE);
                    assertThat(handedOut.use()).isEqualTo(2);
                    assertThat(handedOut.conflicts()).containsExactly(new RecordedConflict(ID, 1, 2,
                            AMLODIPINE_BRAND_A, planned, planned.plusDays(27), CourseStatus.DISPENSED, HOSPITAL,
                            DOCTOR, false));
                }));
    }

    @Test
    void aRefillUsesLinesComparedAtItsPlanningAreNotAlertedAgainWhenHandedOut() {
        LocalDate planned = ISSUE_DAY.plusDays(28);
        TestExecutor<Prescription> useOneHandedOut = fixture.givenCommands(
                issue(List.of(AMLODIPINE, COMBINATION), 1, null), accept(PHARMACY_A),
                dispenseCompletingUse(PHARMACY_A, item(1, 28, 28), item(2, 28, 28)));
        today(planned);
        useOneHandedOut.andGivenCommands(accept(PHARMACY_A))
                .when(dispense(PHARMACY_A, item(2, 28, 28)))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayloadMatching(whoseCheck(check -> assertThat(check.alerts()).isEmpty()));
    }

    private static RecordedCourse planned(RecordedCourse course) {
        return new RecordedCourse(course.lineNumber(), course.use(), course.drugCode(), course.from(), course.to(),
                CourseStatus.PLANNED);
    }

    private InteractionCheckCompleted check(CheckTrigger trigger, List<RecordedCourse> courses,
                                            List<RecordedAlert> alerts) {
        return new InteractionCheckCompleted(ID, PATIENT.id(), HOSPITAL, DOCTOR, trigger, courses, alerts,
                CATALOGUE.version(), clock.instant());
    }

    /** A command's outcome whose check meets {@code requirements} (assertions). */
    private static Matcher<CommandOutcome> whoseCheck(Consumer<InteractionCheckCompleted> requirements) {
        return predicate((CommandOutcome outcome) -> {
            requirements.accept(outcome.check());
            return true;
        });
    }
}

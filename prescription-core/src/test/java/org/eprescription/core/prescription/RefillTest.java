package org.eprescription.core.prescription;

import org.eprescription.core.refusal.Refusal;

import org.axonframework.test.aggregate.TestExecutor;
import org.eprescription.core.prescription.command.IssuePrescription;
import org.eprescription.core.prescription.event.RefillScheduled;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_BRAND_A;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_HALF_STRENGTH;
import static org.eprescription.core.testsupport.SampleDrugs.CATALOGUE;
import static org.eprescription.core.testsupport.SampleDrugs.LOXOPROFEN_TABLET;

/** A prescription with two refills: three uses, each accepted inside its window, then nothing more. */
class RefillTest extends PrescriptionTestSupport {

    // use 1 dispensed on the issue day (longest supply 28 days) -> use 2 planned on day 28, window day 21..35
    static final LocalDate USE_2_DISPENSED = ISSUE_DAY.plusDays(25);
    // use 2 dispensed on day 25 -> use 3 planned on day 53, window day 46..60
    static final LocalDate USE_3_PLANNED = USE_2_DISPENSED.plusDays(28);
    static final LocalDate USE_3_DISPENSED = USE_3_PLANNED.minusDays(3);

    /** Amlodipine alone, 28 tablets for 28 days, with two refills. */
    private static final List<PrescribedLine> AMLODIPINE_ONLY = List.of(AMLODIPINE_LINE);

    @Test
    void itemDaysBelowWhatTheQuantityCoversDoNotBringTheRefillForward() {
        // all 28 tablets out recorded as 1 day: the refill still waits the 28 days they last, not 1
        fixture.given(issued(AMLODIPINE_ONLY, 2, DEFAULT_VALID_UNTIL), accepted(PHARMACY_A))
                .when(dispense(PHARMACY_A, item(1, 28, 1)))
                .expectEvents(dispensed(PHARMACY_A, 1, true, item(1, 28, 1)),
                        refillScheduled(2, ISSUE_DAY.plusDays(28)));
    }

    @Test
    void aUseCompletedWithPartOfTheQuantityPlansItsRefillAfterTheDaysThatPartCovers() {
        // 14 of 28 tablets, recorded as 1 day, completing the use: they cover 14 days; the refill's course is the
        // line's, 28 days from its planned day, and the event says so for whatever must know how long it runs
        fixture.given(issued(AMLODIPINE_ONLY, 2, DEFAULT_VALID_UNTIL), accepted(PHARMACY_A))
                .when(dispenseCompletingUse(PHARMACY_A, item(1, 14, 1)))
                .expectEvents(dispensed(PHARMACY_A, 1, true, item(1, 14, 1)),
                        refillScheduled(2, ISSUE_DAY.plusDays(14), 28));
    }

    @Test
    void aRefillRecordsItsLongestPlannedCourseAsAChecksCountsIt() {
        // loxoprofen as needed, 3 days: its course counts 14 days, as every check counts it
        PrescribedLine asNeeded = new PrescribedLine(1, LOXOPROFEN_TABLET, qty(9), "tablet", "1 tablet when in pain",
                3, true);
        LocalDate planned = ISSUE_DAY.plusDays(3);
        fixture.given(issued(List.of(asNeeded), 1, DEFAULT_VALID_UNTIL), accepted(PHARMACY_A))
                .when(dispense(PHARMACY_A, item(1, 9, 3)))
                .expectEvents(dispensed(PHARMACY_A, 1, true, item(1, 9, 3)),
                        new RefillScheduled(ID, 2, planned, ISSUE_DAY.plusDays(1), planned.plusDays(7),
                                clock.instant(), 14));
    }

    @Test
    void aDoseTrueSubstituteCountsTheDaysOfThePrescribedUnitsItDelivers() {
        // 56 x 2.5 mg deliver the 28 x 5 mg prescribed: 28 days, whatever the item says
        DispensedItem halfStrength = itemOf(1, AMLODIPINE_HALF_STRENGTH, 56, 2);
        fixture.given(issued(AMLODIPINE_ONLY, 2, DEFAULT_VALID_UNTIL), accepted(PHARMACY_A))
                .when(dispense(PHARMACY_A, halfStrength))
                .expectEvents(dispensed(PHARMACY_A, 1, true, List.of(halfStrength),
                                List.of(new LineQuantity(1, qty(28))),
                                List.of(substitute(1, AMLODIPINE_HALF_STRENGTH, 28, CATALOGUE))),
                        refillScheduled(2, ISSUE_DAY.plusDays(28)));
    }

    @Test
    void aSameDayCorrectionToFewerDaysDoesNotMoveTheRefillForward() {
        // the refill was planned for the 28 days handed out; the tablets are still all out
        fixture.given(issued(AMLODIPINE_ONLY, 2, DEFAULT_VALID_UNTIL), accepted(PHARMACY_A),
                        dispensed(PHARMACY_A, 1, true, item(1, 28, 28)), refillScheduled(2, ISSUE_DAY.plusDays(28)))
                .when(DispensingCorrectionTest.correct(PHARMACY_A, 1, item(1, 28, 1)))
                .expectEvents(new DispensingCorrectionTest().correctedAt(clock, PHARMACY_A, 1, 1, true,
                        item(1, 28, 1)));
    }

    @Test
    void theFirstUseCompletedSchedulesUseTwo() {
        fixture.givenCommands(issueWithRefills(2), accept(PHARMACY_A))
                .when(dispenseEverything(PHARMACY_A))
                .expectEvents(dispensedEverything(PHARMACY_A, 1), refillScheduled(2, ISSUE_DAY.plusDays(28)));
    }

    @Test
    void useTwoIsAcceptedInItsWindowAndItsCompletionSchedulesUseThree() {
        firstUseDispensed(2).andGivenCommands(accept(PHARMACY_B))
                .when(dispenseEverything(PHARMACY_B))
                .expectEvents(dispensedEverything(PHARMACY_B, 2), refillScheduled(3, USE_3_PLANNED));
    }

    @Test
    void useThreeIsAcceptedAsUseThree() {
        throughSecondUseOn(USE_3_DISPENSED).when(accept(PHARMACY_C))
                .expectEvents(accepted(PHARMACY_C, 3));
    }

    @Test
    void useThreeCannotBeAcceptedBeforeItsWindow() {
        expectRefused(throughSecondUseOn(USE_3_PLANNED.minusDays(8)).when(accept(PHARMACY_C)),
                Refusal.REFILL_WINDOW_NOT_OPEN);
    }

    @Test
    void aFullRunOfTwoRefillsEndsCompletedAfterTheThirdUse() {
        throughSecondUseOn(USE_3_DISPENSED).andGivenCommands(accept(PHARMACY_A))
                .when(dispenseEverything(PHARMACY_A))
                .expectEvents(dispensedEverything(PHARMACY_A, 3), completed())
                .expectResultMessagePayload(outcome(9L)); // ten events: sequence numbers 0..9
    }

    @Test
    void aFourthUseIsRefused() {
        expectRefused(throughThirdUseOn(USE_3_DISPENSED.plusDays(28)).when(accept(PHARMACY_A)),
                Refusal.NOT_ACCEPTABLE_NOW);
    }

    @Test
    void afterTheLastUseNothingExpires() {
        throughThirdUseOn(USE_3_DISPENSED.plusDays(100)).when(expire()).expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aSingleRefillPrescriptionCompletesAfterTheSecondUse() {
        firstUseDispensed(1).andGivenCommands(accept(PHARMACY_B))
                .when(dispenseEverything(PHARMACY_B))
                .expectEvents(dispensedEverything(PHARMACY_B, 2), completed());
    }

    // ----- never before the day after the previous use was dispensed -----

    /** One line of 7 days, one refill: planned 7 days after the dispensing, so day -7 of its window is that day. */
    private static IssuePrescription issueForAWeekWithOneRefill() {
        return issue(List.of(line(1, AMLODIPINE_BRAND_A, 7, 7)), 1, null);
    }

    @Test
    void aRefillWindowNeverOpensBeforeTheDayAfterThePreviousUseWasDispensed() {
        LocalDate planned = ISSUE_DAY.plusDays(7);
        fixture.givenCommands(issueForAWeekWithOneRefill(), accept(PHARMACY_A))
                .when(dispenseCompletingUse(PHARMACY_A, item(1, 7, 7)))
                .expectEvents(dispensed(PHARMACY_A, 1, true, item(1, 7, 7)),
                        new RefillScheduled(ID, 2, planned, ISSUE_DAY.plusDays(1), planned.plusDays(7),
                                clock.instant(), 7));
    }

    @Test
    void aOneDaySupplysRefillOpensTheNextDayRatherThanAWeekBefore() {
        LocalDate planned = ISSUE_DAY.plusDays(1);
        fixture.givenCommands(issue(List.of(line(1, AMLODIPINE_BRAND_A, 1, 1)), 1, null), accept(PHARMACY_A))
                .when(dispenseCompletingUse(PHARMACY_A, item(1, 1, 1)))
                .expectEvents(dispensed(PHARMACY_A, 1, true, item(1, 1, 1)),
                        new RefillScheduled(ID, 2, planned, planned, planned.plusDays(7), clock.instant(), 1));
    }

    @Test
    void aRefillUseCannotBeAcceptedOnTheDayThePreviousUseWasDispensed() {
        expectRefused(fixture.givenCommands(issueForAWeekWithOneRefill(), accept(PHARMACY_A),
                        dispenseCompletingUse(PHARMACY_A, item(1, 7, 7)))
                .when(accept(PHARMACY_B)), Refusal.REFILL_WINDOW_NOT_OPEN);
    }

    @Test
    void aRefillUseIsAcceptedOnTheDayAfterThePreviousUseWasDispensed() {
        TestExecutor<Prescription> executor = fixture.givenCommands(issueForAWeekWithOneRefill(),
                accept(PHARMACY_A), dispenseCompletingUse(PHARMACY_A, item(1, 7, 7)));
        today(ISSUE_DAY.plusDays(1));
        executor.when(accept(PHARMACY_B)).expectEvents(accepted(PHARMACY_B, 2));
    }

    @Test
    void aWindowRecordedBeforeTheRuleStillCannotBeUsedOnTheDispensingDay() {
        // recorded before the rule: the window opens 7 days before the planned day, on the dispensing day itself
        LocalDate planned = ISSUE_DAY.plusDays(7);
        expectRefused(fixture.given(issued(List.of(line(1, AMLODIPINE_BRAND_A, 7, 7)), 1, DEFAULT_VALID_UNTIL),
                        accepted(PHARMACY_A), dispensed(PHARMACY_A, 1, true, item(1, 7, 7)),
                        new RefillScheduled(ID, 2, planned, ISSUE_DAY, planned.plusDays(7), clock.instant(), 7))
                .when(accept(PHARMACY_B)), Refusal.REFILL_WINDOW_NOT_OPEN);
    }

    /**
     * Issue with the refills, use 1 accepted and dispensed in full by pharmacy A on the issue day; the clock then on
     * {@link #USE_2_DISPENSED}.
     */
    private TestExecutor<Prescription> firstUseDispensed(int refills) {
        TestExecutor<Prescription> executor = fixture.givenCommands(issueWithRefills(refills), accept(PHARMACY_A),
                dispenseEverything(PHARMACY_A));
        today(USE_2_DISPENSED);
        return executor;
    }

    /**
     * Issue with 2 refills; use 1 dispensed on the issue day, use 2 by pharmacy B on {@link #USE_2_DISPENSED}; the
     * clock then on {@code day}.
     */
    private TestExecutor<Prescription> throughSecondUseOn(LocalDate day) {
        TestExecutor<Prescription> executor = firstUseDispensed(2)
                .andGivenCommands(accept(PHARMACY_B), dispenseEverything(PHARMACY_B));
        today(day);
        return executor;
    }

    /** The same, then use 3, the last, by pharmacy A on {@link #USE_3_DISPENSED}; the clock then on {@code day}. */
    private TestExecutor<Prescription> throughThirdUseOn(LocalDate day) {
        TestExecutor<Prescription> executor = throughSecondUseOn(USE_3_DISPENSED)
                .andGivenCommands(accept(PHARMACY_A), dispenseEverything(PHARMACY_A));
        today(day);
        return executor;
    }
}

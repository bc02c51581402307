package org.eprescription.core.prescription;

import org.eprescription.core.refusal.Refusal;

import org.eprescription.core.prescription.command.DispensePrescription;
import org.eprescription.core.prescription.event.RefillScheduled;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.List;

import static org.eprescription.core.refusal.RefusalMatchers.refusedWith;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_BRAND_A;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_GENERIC_C;
import static org.eprescription.core.testsupport.SampleDrugs.CATALOGUE;
import static org.eprescription.core.testsupport.SampleDrugs.VALSARTAN_AMLODIPINE;
import static org.eprescription.core.testsupport.SampleDrugs.LOXOPROFEN_PATCH;
import static org.eprescription.core.testsupport.SampleDrugs.NOT_IN_CATALOGUE;

class DispensePrescriptionTest extends PrescriptionTestSupport {

    // ----- partial and complete -----

    /** The fixture given a prescription accepted by pharmacy A, which has dispensed this quantity of line 1 (of 28). */
    private TestExecutor<Prescription> afterPharmacyADispensedOfLineOne(int quantity) {
        return fixture.given(issued(), accepted(PHARMACY_A),
                dispensed(PHARMACY_A, 1, false, item(1, quantity, quantity)));
    }

    @Test
    void aPartialDispensingKeepsThePrescriptionWithThePharmacy() {
        fixture.given(issued(), accepted(PHARMACY_A))
                .when(dispense(PHARMACY_A, item(1, 14, 14)))
                .expectEvents(dispensed(PHARMACY_A, 1, false, item(1, 14, 14)))
                .expectResultMessagePayload(outcome(2L));
    }

    @Test
    void theSamePharmacyContinuesAfterAPartialDispensing() {
        afterPharmacyADispensedOfLineOne(14)
                .when(dispense(PHARMACY_A, item(1, 14, 14)))
                .expectEvents(dispensed(PHARMACY_A, 1, false, item(1, 14, 14)));
    }

    @Test
    void anotherPharmacyCannotAcceptAfterAPartialDispensing() {
        expectRefused(afterPharmacyADispensedOfLineOne(14)
                .when(accept(PHARMACY_B)), Refusal.HELD_BY_ANOTHER_PHARMACY);
    }

    @Test
    void completesUseEndsTheLastUseEvenIfNotEverythingWasGiven() {
        fixture.given(issued(), accepted(PHARMACY_A))
                .when(dispenseCompletingUse(PHARMACY_A, item(1, 14, 14)))
                .expectEvents(dispensed(PHARMACY_A, 1, true, item(1, 14, 14)), completed())
                .expectResultMessagePayload(outcome(3L));
    }

    @Test
    void dispensingEverythingPrescribedCompletesTheUseByItself() {
        fixture.given(issued(), accepted(PHARMACY_A))
                .when(dispenseEverything(PHARMACY_A))
                .expectEvents(dispensedEverything(PHARMACY_A, 1), completed());
    }

    @Test
    void theDispensingThatFillsTheLastOpenLineCompletesTheUse() {
        afterPharmacyADispensedOfLineOne(28)
                .when(dispense(PHARMACY_A, item(2, 21, 7)))
                .expectEvents(dispensed(PHARMACY_A, 1, true, item(2, 21, 7)), completed());
    }

    @Test
    void afterAReleaseTheNextPharmacyMayOnlyDispenseWhatIsLeftOfTheUse() {
        Object[] history = {issued(), accepted(PHARMACY_A), dispensed(PHARMACY_A, 1, false, item(1, 20, 20)),
                released(PHARMACY_A, 1), accepted(PHARMACY_B)};
        expectRefused(fixture.given(history).when(dispense(PHARMACY_B, item(1, 9, 9))),
                Refusal.QUANTITY_EXCEEDS_REMAINING);
        setUpFixture();
        fixture.given(history)
                .when(dispense(PHARMACY_B, item(1, 8, 8), item(2, 21, 7)))
                .expectEvents(dispensed(PHARMACY_B, 1, true, item(1, 8, 8), item(2, 21, 7)), completed());
    }

    // ----- quantities -----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # case                                | line | quantity | days | refusal
            more than prescribed                  | 1    | 29       | 28   | QUANTITY_EXCEEDS_REMAINING
            a zero quantity                       | 1    | 0        | 28   | INVALID_DISPENSE
            a negative quantity                   | 1    | -1       | 28   | INVALID_DISPENSE
            zero days                             | 1    | 28       | 0    | INVALID_DISPENSE
            three hundred sixty-six days          | 1    | 28       | 366  | INVALID_DISPENSE
            a supply longer than the line's days  | 1    | 28       | 365  | SUPPLY_LONGER_THAN_PRESCRIBED
            a line the prescription does not have | 3    | 1        | 1    | UNKNOWN_LINE
            """)
    void aDispensingOfOneItemOutsideTheLinesLimitsIsRefused(String invalid, int line, int quantity, int days,
                                                            Refusal refusal) {
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A))
                .when(dispense(PHARMACY_A, item(line, quantity, days))), refusal);
    }

    @Test
    void twoPartialDispensingsTogetherCannotExceedThePrescribedQuantity() {
        expectRefused(afterPharmacyADispensedOfLineOne(20)
                .when(dispense(PHARMACY_A, item(1, 9, 9))), Refusal.QUANTITY_EXCEEDS_REMAINING);
    }

    @Test
    void twoItemsForOneLineInOneDispensingCannotExceedThePrescribedQuantity() {
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A))
                .when(dispense(PHARMACY_A, item(1, 20, 20), item(1, 9, 9))), Refusal.QUANTITY_EXCEEDS_REMAINING);
    }

    @Test
    void exactlyTheRemainingQuantityMayBeDispensed() {
        afterPharmacyADispensedOfLineOne(20)
                .when(dispense(PHARMACY_A, item(1, 8, 8)))
                .expectEvents(dispensed(PHARMACY_A, 1, false, item(1, 8, 8)));
    }

    @Test
    void aDispensingWithoutItemsIsRefused() {
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A)).when(dispense(PHARMACY_A)),
                Refusal.INVALID_DISPENSE);
    }

    @Test
    void aDispensingWithNullItemsIsRefused() {
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A)).when(
                        new DispensePrescription(ID, PHARMACY_A, pharmacistOf(PHARMACY_A), null, true)),
                Refusal.INVALID_DISPENSE);
    }

    @Test
    void oneDayMoreThanTheLinePrescribesIsRefusedEvenBesideAValidItem() {
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A))
                        .when(dispense(PHARMACY_A, item(1, 28, 28), item(2, 21, 8))),
                Refusal.SUPPLY_LONGER_THAN_PRESCRIBED);
    }

    @Test
    void oneBadItemRefusesTheWholeDispensing() {
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A))
                .when(dispense(PHARMACY_A, item(1, 28, 28), item(2, 22, 7))), Refusal.QUANTITY_EXCEEDS_REMAINING);
    }

    // ----- substitutes -----

    @Test
    void aGenericWithTheSameIngredientAndRouteMayBeDispensedInstead() {
        fixture.given(issued(), accepted(PHARMACY_A))
                .when(dispense(PHARMACY_A, itemOf(1, AMLODIPINE_GENERIC_C, 28, 28)))
                .expectEvents(dispensed(PHARMACY_A, 1, false, List.of(itemOf(1, AMLODIPINE_GENERIC_C, 28, 28)),
                        List.of(new LineQuantity(1, qty(28))),
                        List.of(substitute(1, AMLODIPINE_GENERIC_C, 28, CATALOGUE))));
    }

    @Test
    void theSubstituteCountsAgainstThePrescribedQuantity() {
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A),
                        dispensed(PHARMACY_A, 1, false, itemOf(1, AMLODIPINE_GENERIC_C, 20, 20)))
                .when(dispense(PHARMACY_A, itemOf(1, AMLODIPINE_BRAND_A, 9, 9))), Refusal.QUANTITY_EXCEEDS_REMAINING);
    }

    @Test
    void aCombinationProductIsNotASubstituteForOneOfItsIngredients() {
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A))
                        .when(dispense(PHARMACY_A, itemOf(1, VALSARTAN_AMLODIPINE, 28, 28))),
                Refusal.SUBSTITUTE_NOT_EQUIVALENT);
    }

    @Test
    void theSameIngredientByAnotherRouteIsNotASubstitute() {
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A))
                        .when(dispense(PHARMACY_A, itemOf(2, LOXOPROFEN_PATCH, 21, 7))),
                Refusal.SUBSTITUTE_NOT_EQUIVALENT);
    }

    @Test
    void aSubstituteMissingFromTheCatalogueIsRefusedAsUnknownDrug() {
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A))
                        .when(dispense(PHARMACY_A, itemOf(1, NOT_IN_CATALOGUE, 28, 28))),
                Refusal.UNKNOWN_DRUG);
    }

    // ----- who may dispense -----

    @Test
    void anotherPharmacyCannotDispense() {
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A)).when(dispenseEverything(PHARMACY_B)),
                Refusal.NOT_THE_HOLDING_PHARMACY);
    }

    // ----- what follows a complete use -----

    @Test
    void completingTheLastUseCompletesThePrescription() {
        awaitingFirstRefillOn(REFILL_PLANNED)
                .andGiven(accepted(PHARMACY_B, 2))
                .when(dispenseEverything(PHARMACY_B))
                .expectEvents(dispensedEverything(PHARMACY_B, 2), completed());
    }

    @Test
    void completingAUseWithRefillsLeftSchedulesTheNextUseAroundItsPlannedDay() {
        Object[] given = {issued(1), accepted(PHARMACY_A)};
        LocalDate dispensingDay = ISSUE_DAY.plusDays(2);
        today(dispensingDay);
        LocalDate planned = dispensingDay.plusDays(28); // the longest supply of this use: amlodipine, 28 days
        fixture.given(given)
                .when(dispenseEverything(PHARMACY_A))
                .expectEvents(dispensedEverything(PHARMACY_A, 1),
                        new RefillScheduled(ID, 2, planned,
                                planned.minusDays(7), planned.plusDays(7), clock.instant(), 28))
                .expectResultMessagePayload(outcome(3L));
    }

    @Test
    void thePlannedDayCountsTheLongestSupplyOfTheWholeUseFromTheFinalDispensing() {
        Object[] given = {issued(1), accepted(PHARMACY_A), dispensed(PHARMACY_A, 1, false, item(1, 28, 28))};
        LocalDate finalDispensing = ISSUE_DAY.plusDays(3);
        today(finalDispensing);
        fixture.given(given)
                .when(dispense(PHARMACY_A, item(2, 21, 7)))
                .expectEvents(dispensed(PHARMACY_A, 1, true, item(2, 21, 7)),
                        refillScheduled(2, finalDispensing.plusDays(28)));
    }

    @Test
    void thePlannedDayUsesTheDaysActuallyDispensedNotThePrescribedOnes() {
        Object[] given = {issued(1), accepted(PHARMACY_A)};
        fixture.given(given)
                .when(dispenseCompletingUse(PHARMACY_A, item(1, 14, 14), item(2, 21, 7)))
                .expectEvents(dispensed(PHARMACY_A, 1, true, item(1, 14, 14), item(2, 21, 7)),
                        refillScheduled(2, ISSUE_DAY.plusDays(14)));
    }

    @Test
    void aRefillUseStartsWithTheFullPrescribedQuantityAgain() {
        awaitingFirstRefillOn(REFILL_PLANNED)
                .andGiven(accepted(PHARMACY_A, 2))
                .when(dispense(PHARMACY_A, item(1, 28, 28)))
                .expectEvents(dispensed(PHARMACY_A, 2, false, item(1, 28, 28)));
    }

    // ----- a pending cancellation request -----

    @Test
    void dispensingAfterACancellationRequestIsAllowed() {
        fixture.given(issued(), accepted(PHARMACY_A), cancellationRequested(PHARMACY_A))
                .when(dispense(PHARMACY_A, item(1, 14, 14)))
                .expectEvents(dispensed(PHARMACY_A, 1, false, item(1, 14, 14)));
    }

    @Test
    void aPartialDispensingLeavesTheCancellationRequestStandingSoALaterReleaseCancels() {
        fixture.given(issued(), accepted(PHARMACY_A), cancellationRequested(PHARMACY_A),
                        dispensed(PHARMACY_A, 1, false, item(1, 14, 14)))
                .when(release(PHARMACY_A))
                .expectEvents(released(PHARMACY_A, 1), cancelledOnRelease());
    }

    @Test
    void afterAPartialDispensingTheRequestIsStillPendingSoAnotherRequestChangesNothing() {
        fixture.given(issued(), accepted(PHARMACY_A), cancellationRequested(PHARMACY_A),
                        dispensed(PHARMACY_A, 1, false, item(1, 14, 14)))
                .when(cancel())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void onTheLastUseADispensingThatCompletesItLetsTheRequestLapse() {
        fixture.given(issued(), accepted(PHARMACY_A), cancellationRequested(PHARMACY_A),
                        dispensed(PHARMACY_A, 1, false, item(1, 14, 14)))
                .when(dispenseCompletingUse(PHARMACY_A, item(1, 14, 14)))
                .expectEvents(dispensed(PHARMACY_A, 1, true, item(1, 14, 14)), completed());
    }

    @Test
    void aDispensingThatCompletesAUseWithUsesLeftCancelsAfterItForThePendingRequest() {
        // the use in the pharmacy's hands goes out; the prescriber's order to stop holds for the uses not begun
        fixture.given(issued(2), accepted(PHARMACY_A), cancellationRequested(PHARMACY_A),
                        dispensed(PHARMACY_A, 1, false, item(1, 14, 14)))
                .when(dispenseCompletingUse(PHARMACY_A, item(1, 14, 14)))
                .expectEvents(dispensed(PHARMACY_A, 1, true, item(1, 14, 14)), cancelledOnRelease());
    }

    @Test
    void afterACancellationThatFollowedTheCompletedUseNoRefillIsAccepted() {
        TestExecutor<Prescription> executor = fixture.given(issued(2), accepted(PHARMACY_A),
                        cancellationRequested(PHARMACY_A))
                .andGivenCommands(dispenseEverything(PHARMACY_A));
        today(ISSUE_DAY.plusDays(28));
        executor.when(accept(PHARMACY_B))
                .expectException(refusedWith(Refusal.NOT_ACCEPTABLE_NOW))
                .expectNoEvents();
    }

    @Test
    void aUseDispensedInPortionsPlansItsRefillAfterAllItsDaysOfSupply() {
        // 14 days of line 1, then the other 14 with line 2's 7 days: the use supplied 28 days, not 14
        expectTwoPortionsOfFourteenToPlanTheRefillAfter28Days(14);
    }

    @Test
    void portionsCountAtMostTheirLinesDaysOfSupply() {
        // each portion recorded with the line's 28 days: the use still supplied 28 days, not 56
        expectTwoPortionsOfFourteenToPlanTheRefillAfter28Days(28);
    }

    /** Line 1's 28 tablets in two portions of 14, each entered as {@code daysEntered}, the second with line 2. */
    private void expectTwoPortionsOfFourteenToPlanTheRefillAfter28Days(int daysEntered) {
        fixture.given(issued(1), accepted(PHARMACY_A), dispensed(PHARMACY_A, 1, false, item(1, 14, daysEntered)))
                .when(dispense(PHARMACY_A, item(1, 14, daysEntered), item(2, 21, 7)))
                .expectEvents(dispensed(PHARMACY_A, 1, true, item(1, 14, daysEntered), item(2, 21, 7)),
                        refillScheduled(2, ISSUE_DAY.plusDays(28)));
    }

    @Test
    void afterTheRequestLapsedTheInstitutionMayRequestAgain() {
        fixture.given(issued(1), accepted(PHARMACY_A), cancellationRequested(PHARMACY_A),
                        dispensed(PHARMACY_A, 1, true, item(1, 14, 14)), refillScheduled(2, ISSUE_DAY.plusDays(14)),
                        accepted(PHARMACY_B, 2))
                .when(cancel())
                .expectEvents(cancellationRequested(PHARMACY_B));
    }

    @Test
    void aCompleteDispensingAfterACancellationRequestSchedulesNoRefill() {
        fixture.given(issued(1), accepted(PHARMACY_A), cancellationRequested(PHARMACY_A))
                .when(dispenseEverything(PHARMACY_A))
                .expectEvents(dispensedEverything(PHARMACY_A, 1), cancelledOnRelease());
    }

    @Test
    void aCompletingDispensingInARefillUseWithAPendingRequestCancelsTheLastUse() {
        fixture.given(issued(2), accepted(PHARMACY_A), dispensedEverything(PHARMACY_A, 1),
                        refillScheduled(2, ISSUE_DAY.plusDays(28)), accepted(PHARMACY_B, 2),
                        cancellationRequested(PHARMACY_B))
                .when(dispenseEverything(PHARMACY_B))
                .expectEvents(dispensedEverything(PHARMACY_B, 2), cancelledOnRelease());
    }

    @Test
    void aRequestThatLapsedBeforeThisRuleKeepsTheRefillItScheduled() {
        // history recorded when a completing dispensing let the request lapse with uses left: the refill stands
        Object[] lapsed = {issued(1), accepted(PHARMACY_A), cancellationRequested(PHARMACY_A),
                dispensedEverything(PHARMACY_A, 1), refillScheduled(2, ISSUE_DAY.plusDays(28))};
        today(ISSUE_DAY.plusDays(28));
        fixture.given(lapsed)
                .when(accept(PHARMACY_B))
                .expectEvents(accepted(PHARMACY_B, 2));
    }

    @Test
    void dispensedItemsAreRecordedAsGiven() {
        List<DispensedItem> items = List.of(itemOf(1, AMLODIPINE_GENERIC_C, 10, 10), item(2, 7, 7));
        fixture.given(issued(), accepted(PHARMACY_A))
                .when(new DispensePrescription(ID, PHARMACY_A, pharmacistOf(PHARMACY_A), items, false))
                .expectEvents(dispensed(PHARMACY_A, 1, false, items,
                        List.of(new LineQuantity(1, qty(10)), new LineQuantity(2, qty(7))),
                        List.of(substitute(1, AMLODIPINE_GENERIC_C, 10, CATALOGUE))));
    }
}

package org.eprescription.core.prescription;

import org.eprescription.core.refusal.Refusal;

import org.axonframework.test.aggregate.TestExecutor;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.QueryId;
import org.eprescription.core.prescription.event.PrescriberQueried;
import org.eprescription.core.prescription.event.PrescriptionAmended;
import org.eprescription.core.prescription.event.QueryAnswered;
import org.eprescription.core.prescription.command.CorrectDispensing;
import org.eprescription.core.prescription.event.DispensingCorrected;
import org.eprescription.core.prescription.event.DispensingWithdrawn;
import org.eprescription.core.prescription.event.RefillScheduled;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.eprescription.core.refusal.RefusalMatchers.refusedWith;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_BRAND_A;
import static org.eprescription.core.testsupport.SampleDrugs.CATALOGUE;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_GENERIC_C;
import static org.eprescription.core.testsupport.SampleDrugs.LOXOPROFEN_TABLET;
import static org.eprescription.core.testsupport.SampleDrugs.ZOLPIDEM_5;
import static org.eprescription.core.testsupport.SampleDrugs.ZOLPIDEM_10;
import static org.eprescription.core.testsupport.SampleDrugs.ZOLPIDEM_5_GENERIC;

/**
 * Correcting and withdrawing a dispensing (docs/domain.md, "Correcting a dispensing"): by the pharmacy that recorded
 * it, on its day, within the dispense rules as if the corrected dispensing had been recorded instead.
 */
class DispensingCorrectionTest extends PrescriptionTestSupport {

    static final String REASON = "entered 14 instead of 10";
    /** Everything line 1 and line 2 prescribe, as a correction's items. */
    private static final DispensedItem[] EVERYTHING = everything().toArray(DispensedItem[]::new);

    static CorrectDispensing correct(PharmacyId pharmacy, int sequence, DispensedItem... items) {
        return new CorrectDispensing(ID, pharmacy, pharmacistOf(pharmacy), sequence, REASON, Arrays.asList(items));
    }

    static CorrectDispensing withdraw(PharmacyId pharmacy, int sequence) {
        return new CorrectDispensing(ID, pharmacy, pharmacistOf(pharmacy), sequence, REASON, null);
    }

    /** {@link #correctedWith} on another test's clock. */
    DispensingCorrected correctedAt(org.eprescription.core.testsupport.MutableClock on, PharmacyId pharmacy,
                                    int sequence, int use, boolean completesUse, List<SubstituteSupply> substitutes,
                                    DispensedItem... items) {
        clock = on;
        return correctedWith(pharmacy, sequence, use, completesUse, substitutes, items);
    }

    /** {@link #corrected} on another test's clock. */
    DispensingCorrected correctedAt(org.eprescription.core.testsupport.MutableClock on, PharmacyId pharmacy,
                                    int sequence, int use, boolean completesUse, DispensedItem... items) {
        clock = on;
        return corrected(pharmacy, sequence, use, completesUse, items);
    }

    DispensingCorrected corrected(PharmacyId pharmacy, int sequence, int use, boolean completesUse,
                                  DispensedItem... items) {
        java.util.Map<Integer, java.math.BigDecimal> counted = new java.util.TreeMap<>();
        Arrays.asList(items).forEach(item -> counted.merge(item.lineNumber(), item.quantity(),
                java.math.BigDecimal::add));
        return correctedWith(pharmacy, sequence, use, completesUse, List.of(), items);
    }

    /** A correction handing out substitutes, recorded with the limits of their own they went out under. */
    DispensingCorrected correctedWith(PharmacyId pharmacy, int sequence, int use, boolean completesUse,
                                      List<SubstituteSupply> substitutes, DispensedItem... items) {
        java.util.Map<Integer, java.math.BigDecimal> counted = new java.util.TreeMap<>();
        Arrays.asList(items).forEach(item -> counted.merge(item.lineNumber(), item.quantity(),
                java.math.BigDecimal::add));
        return new DispensingCorrected(ID, sequence, use, pharmacy, pharmacistOf(pharmacy), REASON,
                Arrays.asList(items), completesUse, clock.instant(), clock.today(), counted.entrySet().stream()
                .map(entry -> new LineQuantity(entry.getKey(), entry.getValue())).toList(), substitutes);
    }

    DispensingWithdrawn withdrawn(PharmacyId pharmacy, int sequence, int use) {
        return new DispensingWithdrawn(ID, sequence, use, pharmacy, pharmacistOf(pharmacy), REASON, clock.instant(),
                clock.today());
    }

    private Object[] partlyDispensedToday() {
        return new Object[]{issued(), accepted(PHARMACY_A), dispensed(PHARMACY_A, 1, false, item(1, 14, 14))};
    }

    @Test
    void theDispensingPharmacyCorrectsAQuantityOnTheSameDay() {
        fixture.given(partlyDispensedToday())
                .when(correct(PHARMACY_A, 1, item(1, 10, 10)))
                .expectEvents(corrected(PHARMACY_A, 1, 1, false, item(1, 10, 10)))
                .expectResultMessagePayload(outcome(3L));
    }

    @Test
    void theNextDayTheDispensingCanNoLongerBeCorrected() {
        Object[] given = partlyDispensedToday();
        today(ISSUE_DAY.plusDays(1));
        expectRefused(fixture.given(given).when(correct(PHARMACY_A, 1, item(1, 10, 10))),
                Refusal.CORRECTION_DAY_PASSED);
    }

    @Test
    void norWithdrawnTheNextDay() {
        Object[] given = partlyDispensedToday();
        today(ISSUE_DAY.plusDays(1));
        expectRefused(fixture.given(given).when(withdraw(PHARMACY_A, 1)), Refusal.CORRECTION_DAY_PASSED);
    }

    @Test
    void anotherPharmacyCannotCorrectIt() {
        expectRefused(fixture.given(partlyDispensedToday()).when(correct(PHARMACY_B, 1, item(1, 10, 10))),
                Refusal.NOT_THE_DISPENSING_PHARMACY);
    }

    @Test
    void aDispensingNumberThePrescriptionDoesNotHaveIsUnknown() {
        expectRefused(fixture.given(partlyDispensedToday()).when(correct(PHARMACY_A, 2, item(1, 10, 10))),
                Refusal.UNKNOWN_DISPENSING);
        expectRefused(fixture.given(partlyDispensedToday()).when(withdraw(PHARMACY_A, 0)),
                Refusal.UNKNOWN_DISPENSING);
    }

    @Test
    void aCorrectionIsCountedAsIfItHadBeenRecordedInstead() {
        Object[] given = {issued(), accepted(PHARMACY_A), dispensed(PHARMACY_A, 1, false, item(1, 14, 14)),
                dispensed(PHARMACY_A, 1, false, item(1, 10, 10))};
        // 14 + 14 = 28: exactly the line
        fixture.given(given)
                .when(correct(PHARMACY_A, 2, item(1, 14, 14)))
                .expectEvents(corrected(PHARMACY_A, 2, 1, false, item(1, 14, 14)));
        // 14 + 15 = 29 of 28 prescribed
        expectRefused(fixture.given(given).when(correct(PHARMACY_A, 2, item(1, 15, 15))),
                Refusal.QUANTITY_EXCEEDS_REMAINING);
    }

    @Test
    void aCorrectionBreakingTheDispenseRulesIsRefused() {
        expectRefused(fixture.given(partlyDispensedToday()).when(correct(PHARMACY_A, 1, item(1, 14, 29))),
                Refusal.SUPPLY_LONGER_THAN_PRESCRIBED);
        expectRefused(fixture.given(partlyDispensedToday()).when(correct(PHARMACY_A, 1, item(3, 14, 14))),
                Refusal.UNKNOWN_LINE);
        expectRefused(fixture.given(partlyDispensedToday()).when(correct(PHARMACY_A, 1)), Refusal.INVALID_DISPENSE);
    }

    @Test
    void aCorrectedSubstituteMustBeDoseTrue() {
        Object[] given = {issued(List.of(line(1, ZOLPIDEM_5, 14, 14)), 0, DEFAULT_VALID_UNTIL), accepted(PHARMACY_A),
                dispensed(PHARMACY_A, 1, false, itemOf(1, ZOLPIDEM_5, 7, 7))};
        expectRefused(fixture.given(given).when(correct(PHARMACY_A, 1, itemOf(1, ZOLPIDEM_10, 7, 7))),
                Refusal.SUBSTITUTE_NOT_DOSE_EQUIVALENT);
        fixture.given(given)
                .when(correct(PHARMACY_A, 1, itemOf(1, ZOLPIDEM_5_GENERIC, 7, 7)))
                .expectEvents(correctedWith(PHARMACY_A, 1, 1, false,
                        List.of(substitute(1, ZOLPIDEM_5_GENERIC, 7, CATALOGUE)), itemOf(1, ZOLPIDEM_5_GENERIC, 7, 7)));
    }

    @Test
    void aCorrectionThatSuppliesEverythingLeftCompletesTheUse() {
        fixture.given(issued(), accepted(PHARMACY_A), oneLoxoprofenShort())
                .when(correct(PHARMACY_A, 1, EVERYTHING))
                .expectEvents(corrected(PHARMACY_A, 1, 1, true, EVERYTHING), completed());
    }

    @Test
    void aCorrectionThatCompletesAUseWithUsesLeftCancelsAfterItForAPendingRequest() {
        fixture.given(issued(1), accepted(PHARMACY_A), cancellationRequested(PHARMACY_A), oneLoxoprofenShort())
                .when(correct(PHARMACY_A, 1, EVERYTHING))
                .expectEvents(corrected(PHARMACY_A, 1, 1, true, EVERYTHING), cancelledOnRelease());
    }

    /** {@code quantity} amlodipine for {@code days} days on line 1, and line 2's 21 loxoprofen as prescribed. */
    private static DispensedItem[] amlodipineAndAllLoxoprofen(long quantity, int days) {
        return new DispensedItem[]{itemOf(1, AMLODIPINE_BRAND_A, quantity, days), itemOf(2, LOXOPROFEN_TABLET, 21, 7)};
    }

    /** Use 1 handed out all 28 amlodipine but 20 of the 21 loxoprofen: {@link #EVERYTHING} would complete it. */
    private Object oneLoxoprofenShort() {
        return dispensed(PHARMACY_A, 1, false, itemOf(1, AMLODIPINE_BRAND_A, 28, 28),
                itemOf(2, LOXOPROFEN_TABLET, 20, 7));
    }

    @Test
    void aUseThatEndedInTheCancellationIsStillItsPharmacysToCorrectThatDay() {
        // nobody holds the cancelled prescription; the dispensing pharmacy corrects its record as after a completion
        Object[] given = {issued(1), accepted(PHARMACY_A), cancellationRequested(PHARMACY_A),
                dispensed(PHARMACY_A, 1, true, everything()), cancelledOnRelease()};
        fixture.given(given)
                .when(correct(PHARMACY_A, 1, amlodipineAndAllLoxoprofen(20, 28)))
                .expectEvents(corrected(PHARMACY_A, 1, 1, true, amlodipineAndAllLoxoprofen(20, 28)));
    }

    // ----- after the prescriber's cancellation: lower or fix, never raise -----

    /** Use 1 of 2 completed with 10 of the 28 amlodipine while a cancellation was requested: cancelled after it. */
    private Object[] partUseEndedInTheCancellation() {
        return new Object[]{issued(1), accepted(PHARMACY_A), cancellationRequested(PHARMACY_A),
                dispensed(PHARMACY_A, 1, true, amlodipineAndAllLoxoprofen(10, 10)), cancelledOnRelease()};
    }

    @Test
    void aCorrectionAfterTheCancellationCannotRaiseWhatTheUseHandedOut() {
        expectRefused(fixture.given(partUseEndedInTheCancellation()).when(correct(PHARMACY_A, 1,
                        amlodipineAndAllLoxoprofen(28, 28))),
                Refusal.SUPPLY_STOPPED_BY_CANCELLATION);
        // nor hand out a line the dispensing did not
        expectRefused(fixture.given(issued(1), accepted(PHARMACY_A), cancellationRequested(PHARMACY_A),
                        dispensed(PHARMACY_A, 1, true, itemOf(1, AMLODIPINE_BRAND_A, 10, 10)), cancelledOnRelease())
                .when(correct(PHARMACY_A, 1, itemOf(1, AMLODIPINE_BRAND_A, 10, 10),
                        itemOf(2, LOXOPROFEN_TABLET, 1, 1))), Refusal.SUPPLY_STOPPED_BY_CANCELLATION);
    }

    @Test
    void aCorrectionAfterTheCancellationMayLowerOrFixWhatTheUseHandedOut() {
        fixture.given(partUseEndedInTheCancellation())
                .when(correct(PHARMACY_A, 1, amlodipineAndAllLoxoprofen(8, 8)))
                .expectEvents(corrected(PHARMACY_A, 1, 1, true, amlodipineAndAllLoxoprofen(8, 8)));
        // the product and the days entered wrongly, the amount handed out the same
        fixture.given(partUseEndedInTheCancellation())
                .when(correct(PHARMACY_A, 1, itemOf(1, AMLODIPINE_GENERIC_C, 10, 14),
                        itemOf(2, LOXOPROFEN_TABLET, 21, 7)))
                .expectEvents(correctedWith(PHARMACY_A, 1, 1, true,
                        List.of(substitute(1, AMLODIPINE_GENERIC_C, 10, CATALOGUE)),
                        itemOf(1, AMLODIPINE_GENERIC_C, 10, 14), itemOf(2, LOXOPROFEN_TABLET, 21, 7)));
    }

    @Test
    void aCorrectionAfterTheCancellationOfAScheduledRefillCannotRaiseTheCompletedUse() {
        Object[] cancelledWhileAwaitingRefill = {issued(1), accepted(PHARMACY_A),
                dispensed(PHARMACY_A, 1, true, amlodipineAndAllLoxoprofen(10, 10)),
                refillScheduled(2, clock.today().plusDays(10)), cancelled()};
        expectRefused(fixture.given(cancelledWhileAwaitingRefill).when(correct(PHARMACY_A, 1,
                        amlodipineAndAllLoxoprofen(20, 20))),
                Refusal.SUPPLY_STOPPED_BY_CANCELLATION);
    }

    @Test
    void aCorrectionOfALastUseCompletedWhileACancellationWasRequestedCannotRaiseIt() {
        // the request lapsed as the pharmacy completed the last use with what it had handed out
        Object[] completedOnRequest = {issued(), accepted(PHARMACY_A), cancellationRequested(PHARMACY_A),
                dispensed(PHARMACY_A, 1, true, amlodipineAndAllLoxoprofen(10, 10)),
                completed()};
        expectRefused(fixture.given(completedOnRequest).when(correct(PHARMACY_A, 1,
                        amlodipineAndAllLoxoprofen(28, 28))),
                Refusal.SUPPLY_STOPPED_BY_CANCELLATION);
        // without a request, a completed use's quantities can still be corrected up to what the line prescribes
        fixture.given(issued(), accepted(PHARMACY_A),
                        dispensed(PHARMACY_A, 1, true, amlodipineAndAllLoxoprofen(10, 10)), completed())
                .when(correct(PHARMACY_A, 1, amlodipineAndAllLoxoprofen(28, 28)))
                .expectEvents(corrected(PHARMACY_A, 1, 1, true, amlodipineAndAllLoxoprofen(28, 28)));
    }

    @Test
    void aUseReleasedIntoTheCancellationMayBeCorrectedDownByItsPharmacyButNotUp() {
        // nobody holds a cancelled prescription, and nobody can complete its use: only raising is refused
        Object[] releasedIntoTheCancellation = {issued(1), accepted(PHARMACY_A), cancellationRequested(PHARMACY_A),
                dispensed(PHARMACY_A, 1, false, item(1, 14, 14)), released(PHARMACY_A, 1), cancelledOnRelease()};
        fixture.given(releasedIntoTheCancellation)
                .when(correct(PHARMACY_A, 1, item(1, 10, 10)))
                .expectEvents(corrected(PHARMACY_A, 1, 1, false, item(1, 10, 10)));
        expectRefused(fixture.given(releasedIntoTheCancellation).when(correct(PHARMACY_A, 1,
                        amlodipineAndAllLoxoprofen(28, 28))),
                Refusal.SUPPLY_STOPPED_BY_CANCELLATION);
    }

    @Test
    void aUseThatEndedInTheCancellationIsNotReopenedByWithdrawingItsCompletingDispensing() {
        Object[] given = {issued(1), accepted(PHARMACY_A), cancellationRequested(PHARMACY_A),
                dispensed(PHARMACY_A, 1, true, everything()), cancelledOnRelease()};
        expectRefused(fixture.given(given).when(withdraw(PHARMACY_A, 1)), Refusal.USE_ALREADY_COMPLETED);
    }

    @Test
    void aCompletedUseKeepsItsCompletionWhenAQuantityIsCorrectedDown() {
        fixture.given(completedHistory())
                .when(correct(PHARMACY_A, 1, amlodipineAndAllLoxoprofen(20, 28)))
                .expectEvents(corrected(PHARMACY_A, 1, 1, true, amlodipineAndAllLoxoprofen(20, 28)));
    }

    @Test
    void correctingTheSupplyOfAUseThatScheduledARefillMovesTheRefill() {
        // use 1 completed today with 28 days: use 2 planned in 28 days; corrected to 14 days, it is planned in 14
        fixture.given(awaitingFirstRefill())
                .when(correct(PHARMACY_A, 1, amlodipineAndAllLoxoprofen(14, 14)))
                .expectEvents(corrected(PHARMACY_A, 1, 1, true, amlodipineAndAllLoxoprofen(14, 14)),
                        // planned after the 14 days supplied, its amlodipine course still runs the line's 28
                        new RefillScheduled(ID, 2, ISSUE_DAY.plusDays(14), ISSUE_DAY.plusDays(7),
                                ISSUE_DAY.plusDays(21), clock.instant(), 28));
    }

    @Test
    void aRescheduledRefillStillOpensNoEarlierThanTheDayAfterTheDispensing() {
        TestExecutor<Prescription> executor = fixture.given(awaitingFirstRefill())
                .andGivenCommands(correct(PHARMACY_A, 1, itemOf(1, AMLODIPINE_BRAND_A, 7, 7),
                        itemOf(2, LOXOPROFEN_TABLET, 7, 7)));
        today(ISSUE_DAY.plusDays(1));
        executor.when(accept(PHARMACY_B))
                .expectEvents(accepted(PHARMACY_B, 2));
    }

    @Test
    void theDayOfTheDispensingARescheduledRefillCannotBeAccepted() {
        expectRefused(fixture.given(awaitingFirstRefill())
                .andGivenCommands(correct(PHARMACY_A, 1, itemOf(1, AMLODIPINE_BRAND_A, 7, 7),
                        itemOf(2, LOXOPROFEN_TABLET, 7, 7)))
                .when(accept(PHARMACY_B)), Refusal.REFILL_WINDOW_NOT_OPEN);
    }

    @Test
    void theOpenUsesDispensingIsWithdrawnAndNoLongerCounts() {
        fixture.given(partlyDispensedToday())
                .when(withdraw(PHARMACY_A, 1))
                .expectEvents(withdrawn(PHARMACY_A, 1, 1));
        // all 28 can be dispensed again: the withdrawn 14 count for nothing
        fixture.given(partlyDispensedToday())
                .andGivenCommands(withdraw(PHARMACY_A, 1))
                .when(dispense(PHARMACY_A, item(1, 28, 28)))
                .expectEvents(dispensed(PHARMACY_A, 1, false, item(1, 28, 28)));
    }

    @Test
    void aWithdrawnDispensingCannotBeCorrected() {
        fixture.given(partlyDispensedToday())
                .andGivenCommands(withdraw(PHARMACY_A, 1))
                .when(correct(PHARMACY_A, 1, item(1, 10, 10)))
                .expectException(refusedWith(Refusal.DISPENSING_WITHDRAWN));
    }

    @Test
    void aWithdrawalThatWouldReopenACompletedUseIsRefused() {
        expectRefused(fixture.given(awaitingFirstRefill()).when(withdraw(PHARMACY_A, 1)),
                Refusal.USE_ALREADY_COMPLETED);
        expectRefused(fixture.given(completedHistory()).when(withdraw(PHARMACY_A, 1)),
                Refusal.USE_ALREADY_COMPLETED);
    }

    @Test
    void thePharmacyThatDispensedMayCorrectAfterItReleasedThePrescription() {
        fixture.given(issued(), accepted(PHARMACY_A), dispensed(PHARMACY_A, 1, false, item(1, 14, 14)),
                        released(PHARMACY_A, 1))
                .when(withdraw(PHARMACY_A, 1))
                .expectEvents(withdrawn(PHARMACY_A, 1, 1));
    }

    @Test
    void aPharmacyThatReleasedAnOpenUseCannotCorrectItsQuantities() {
        // B holds use 1 and must decide the cancellation request; A's correction would have completed B's use
        Object[] heldByAnother = {issued(1), accepted(PHARMACY_A), dispensed(PHARMACY_A, 1, false, item(1, 14, 14)),
                released(PHARMACY_A, 1), accepted(PHARMACY_B), cancellationRequested(PHARMACY_B)};
        expectRefused(fixture.given(heldByAnother).when(correct(PHARMACY_A, 1,
                amlodipineAndAllLoxoprofen(28, 28))),
                Refusal.NOT_THE_HOLDING_PHARMACY);
        setUpFixture();
        // nobody holds it: a correction that supplied everything would leave a use nobody can complete
        Object[] heldByNobody = {issued(1), accepted(PHARMACY_A), dispensed(PHARMACY_A, 1, false, item(1, 14, 14)),
                released(PHARMACY_A, 1)};
        expectRefused(fixture.given(heldByNobody).when(correct(PHARMACY_A, 1,
                amlodipineAndAllLoxoprofen(28, 28))), Refusal.NOT_HELD);
    }

    @Test
    void aCorrectionOfACompletedUseIsCheckedAgainstTheLinesThatUseWasDispensedUnder() {
        // line 1 was amended to 56 tablets after use 1 had been dispensed under 28
        QueryId query = QueryId.of("0b7a3f4e-2c1d-4e5f-8a9b-0c1d2e3f4a5b");
        PrescribedLine doubled = line(1, AMLODIPINE_BRAND_A, 56, 28);
        Object[] amendedAfterUseOne = {issued(1), accepted(PHARMACY_A),
                new PrescriberQueried(ID, query, PHARMACY_A, pharmacistOf(PHARMACY_A), 1, "twice daily?",
                        List.of(doubled), clock.instant()),
                dispensedEverything(PHARMACY_A, 1), refillScheduled(2, clock.today().plusDays(28)),
                new QueryAnswered(ID, query, HOSPITAL, DOCTOR, "yes", true, clock.instant()),
                new PrescriptionAmended(ID, query, HOSPITAL, DOCTOR, List.of(doubled, LOXOPROFEN_LINE), List.of(1),
                        clock.instant(), clock.today(), clock.today().plusDays(28))};

        expectRefused(fixture.given(amendedAfterUseOne).when(correct(PHARMACY_A, 1,
                        amlodipineAndAllLoxoprofen(56, 28))),
                Refusal.QUANTITY_EXCEEDS_REMAINING);
    }
}

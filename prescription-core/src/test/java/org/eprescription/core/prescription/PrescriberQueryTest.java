package org.eprescription.core.prescription;

import org.eprescription.core.refusal.Refusal;

import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.QueryId;
import org.eprescription.core.prescription.command.AnswerQuery;
import org.eprescription.core.prescription.command.QueryPrescriber;
import org.eprescription.core.prescription.event.PrescriberQueried;
import org.eprescription.core.prescription.event.PrescriptionAmended;
import org.eprescription.core.prescription.event.QueryAnswered;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.eprescription.core.refusal.RefusalMatchers.refusedWith;
import static org.eprescription.core.testsupport.SampleDrugs.LOXOPROFEN_TABLET;
import static org.eprescription.core.testsupport.SampleDrugs.ZOLPIDEM_5;
import static org.eprescription.core.testsupport.SampleDrugs.NOT_IN_CATALOGUE;

/**
 * A pharmacist's query to the prescriber (疑義照会, docs/domain.md "A query to the prescriber"): the holding pharmacy
 * asks, the issuing institution answers, and an accepted change amends the lines, checked like an issue.
 */
class PrescriberQueryTest extends PrescriptionTestSupport {

    static final QueryId QUERY = QueryId.of("0b7a3f4e-2c1d-4e5f-8a9b-0c1d2e3f4a5b");
    static final String QUESTION = "loxoprofen for 7 days with a patient on warfarin: shorten to 3 days?";
    /** Line 2 shortened: 9 tablets for 3 days. */
    static final PrescribedLine SHORTER_LOXOPROFEN =
            new PrescribedLine(2, LOXOPROFEN_TABLET, qty(9), "tablet", "1 tablet three times daily after meals", 3);

    static QueryPrescriber ask(PharmacyId pharmacy, PrescribedLine... proposed) {
        return new QueryPrescriber(ID, QUERY, pharmacy, pharmacistOf(pharmacy), QUESTION, List.of(proposed));
    }

    static AnswerQuery answer(boolean acceptChange) {
        return answerBy(HOSPITAL, acceptChange);
    }

    static AnswerQuery answerBy(InstitutionId institution, boolean acceptChange) {
        return new AnswerQuery(ID, QUERY, institution, DOCTOR, "agreed", acceptChange);
    }

    PrescriberQueried queried(PharmacyId pharmacy, PrescribedLine... proposed) {
        return new PrescriberQueried(ID, QUERY, pharmacy, pharmacistOf(pharmacy), 1, QUESTION, List.of(proposed),
                clock.instant());
    }

    QueryAnswered answered(boolean accepted) {
        return new QueryAnswered(ID, QUERY, HOSPITAL, DOCTOR, "agreed", accepted, clock.instant());
    }

    PrescriptionAmended amended(List<PrescribedLine> lines, Integer... changed) {
        return new PrescriptionAmended(ID, QUERY, HOSPITAL, DOCTOR, lines, List.of(changed), clock.instant(),
                clock.today(), clock.today());
    }

    @Test
    void theHoldingPharmacyAsksAndMayProposeALine() {
        fixture.given(issued(), accepted(PHARMACY_A))
                .when(ask(PHARMACY_A, SHORTER_LOXOPROFEN))
                .expectEvents(queried(PHARMACY_A, SHORTER_LOXOPROFEN))
                .expectResultMessagePayload(2L);
    }

    @Test
    void onlyTheHoldingPharmacyMayAsk() {
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A)).when(ask(PHARMACY_B)),
                Refusal.NOT_THE_HOLDING_PHARMACY);
        expectRefused(fixture.given(issued()).when(ask(PHARMACY_A)), Refusal.NOT_HELD);
    }

    @Test
    void aProposalMustBeAValidLine() {
        PrescribedLine tooLong = new PrescribedLine(2, LOXOPROFEN_TABLET, qty(9), "tablet", "as directed", 400);
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A)).when(ask(PHARMACY_A, tooLong)),
                Refusal.INVALID_LINES);
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A))
                .when(ask(PHARMACY_A, line(2, NOT_IN_CATALOGUE, 9, 3))), Refusal.UNKNOWN_DRUG);
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A)).when(ask(PHARMACY_A, LOXOPROFEN_LINE)),
                Refusal.NO_CHANGE_PROPOSED);
    }

    @Test
    void aProposalKeepsToTheSupplyLimitsAndRefillPermission() {
        Object[] zolpidem = {issued(List.of(line(1, ZOLPIDEM_5, 14, 14)), 0, DEFAULT_VALID_UNTIL),
                accepted(PHARMACY_A)};
        expectRefused(fixture.given(zolpidem).when(ask(PHARMACY_A, line(1, ZOLPIDEM_5, 35, 35))),
                Refusal.DAYS_ABOVE_LONGEST_SUPPLY);
        // a refill prescription cannot gain a hypnotic
        expectRefused(fixture.given(issued(1), accepted(PHARMACY_A)).when(ask(PHARMACY_A, line(3, ZOLPIDEM_5, 7, 7))),
                Refusal.REFILL_NOT_ALLOWED);
    }

    @Test
    void theSameQueryAskedAgainUnderItsIdRecordsNothingMore() {
        // a retry of a query that was recorded, even after the pharmacy let the prescription go
        fixture.given(issued(), accepted(PHARMACY_A), queried(PHARMACY_A, SHORTER_LOXOPROFEN))
                .when(ask(PHARMACY_A, SHORTER_LOXOPROFEN))
                .expectNoEvents()
                .expectResultMessagePayload(2L);
        fixture.given(issued(), accepted(PHARMACY_A), queried(PHARMACY_A, SHORTER_LOXOPROFEN), released(PHARMACY_A, 1))
                .when(ask(PHARMACY_A, SHORTER_LOXOPROFEN))
                .expectNoEvents()
                .expectResultMessagePayload(3L);
        fixture.given(issued(), accepted(PHARMACY_A), queried(PHARMACY_A, SHORTER_LOXOPROFEN), answered(false))
                .when(ask(PHARMACY_A, SHORTER_LOXOPROFEN))
                .expectNoEvents()
                .expectResultMessagePayload(3L);
    }

    @Test
    void anotherQueryUnderAnIdAlreadyUsedIsRefusedAndTheFirstStands() {
        PrescribedLine otherProposal =
                new PrescribedLine(2, LOXOPROFEN_TABLET, qty(6), "tablet", "1 tablet twice daily after meals", 3);
        Object[] asked = {issued(), accepted(PHARMACY_A), queried(PHARMACY_A, SHORTER_LOXOPROFEN)};
        expectRefused(fixture.given(asked).when(ask(PHARMACY_A, otherProposal)), Refusal.DIFFERENT_QUERY_UNDER_SAME_ID);
        expectRefused(fixture.given(asked).when(ask(PHARMACY_A)), Refusal.DIFFERENT_QUERY_UNDER_SAME_ID);
        expectRefused(fixture.given(asked).when(new QueryPrescriber(ID, QUERY, PHARMACY_A, pharmacistOf(PHARMACY_A),
                "another question", List.of(SHORTER_LOXOPROFEN))), Refusal.DIFFERENT_QUERY_UNDER_SAME_ID);
        // answered, its id still names that query
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A), queried(PHARMACY_A, SHORTER_LOXOPROFEN),
                answered(false)).when(ask(PHARMACY_A, otherProposal)), Refusal.DIFFERENT_QUERY_UNDER_SAME_ID);
        // the proposal answered is the one first asked
        fixture.given(asked)
                .andGivenCommands(ask(PHARMACY_A, SHORTER_LOXOPROFEN))
                .when(answer(true))
                .expectEvents(answered(true), amended(List.of(AMLODIPINE_LINE, SHORTER_LOXOPROFEN), 2));
    }

    @Test
    void anAcceptedChangeAmendsTheLines() {
        fixture.given(issued(), accepted(PHARMACY_A), queried(PHARMACY_A, SHORTER_LOXOPROFEN))
                .when(answer(true))
                .expectEvents(answered(true), amended(List.of(AMLODIPINE_LINE, SHORTER_LOXOPROFEN), 2))
                .expectResultMessagePayload(outcome(4L));
    }

    @Test
    void theAmendedLinesAreWhatTheUseIsDispensedAgainst() {
        fixture.given(issued(), accepted(PHARMACY_A), queried(PHARMACY_A, SHORTER_LOXOPROFEN), answered(true),
                        amended(List.of(AMLODIPINE_LINE, SHORTER_LOXOPROFEN), 2))
                .when(dispense(PHARMACY_A, item(2, 10, 3)))
                .expectException(refusedWith(Refusal.QUANTITY_EXCEEDS_REMAINING));
    }

    @Test
    void aChangeAcceptedBeforeTheRefillItWasAskedForPlansItsCoursesFromTheRefillsPlannedDay() {
        // asked in use 1, which was completed before the answer: the amended line is first taken in use 2
        LocalDate planned = ISSUE_DAY.plusDays(28);
        Object[] given = {issued(1), accepted(PHARMACY_A), queried(PHARMACY_A, SHORTER_LOXOPROFEN),
                dispensedEverything(PHARMACY_A, 1), refillScheduled(2, planned)};
        today(ISSUE_DAY.plusDays(1));

        fixture.given(given)
                .when(answer(true))
                .expectEvents(answered(true), new PrescriptionAmended(ID, QUERY, HOSPITAL, DOCTOR,
                        List.of(AMLODIPINE_LINE, SHORTER_LOXOPROFEN), List.of(2), clock.instant(),
                        ISSUE_DAY.plusDays(1), planned));
    }

    @Test
    void aRejectedChangeOnlyRecordsTheAnswer() {
        fixture.given(issued(), accepted(PHARMACY_A), queried(PHARMACY_A, SHORTER_LOXOPROFEN))
                .when(answer(false))
                .expectEvents(answered(false));
    }

    @Test
    void onlyTheIssuingInstitutionAnswers() {
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A), queried(PHARMACY_A, SHORTER_LOXOPROFEN))
                .when(answerBy(OTHER_HOSPITAL, true)), Refusal.NOT_THE_ISSUING_INSTITUTION);
    }

    @Test
    void aQueryIsAnsweredOnce() {
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A), queried(PHARMACY_A), answered(false))
                .when(answer(false)), Refusal.QUERY_ALREADY_ANSWERED);
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A)).when(answer(false)), Refusal.UNKNOWN_QUERY);
    }

    @Test
    void aQuestionWithoutAProposalCannotBeAcceptedAsAChange() {
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A), queried(PHARMACY_A)).when(answer(true)),
                Refusal.NO_CHANGE_PROPOSED);
        fixture.given(issued(), accepted(PHARMACY_A), queried(PHARMACY_A))
                .when(answer(false))
                .expectEvents(answered(false));
    }

    @Test
    void aLineAlreadyDispensedInThisUseCannotBeAmended() {
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A), queried(PHARMACY_A, SHORTER_LOXOPROFEN),
                        dispensed(PHARMACY_A, 1, false, item(2, 3, 1)))
                .when(answer(true)), Refusal.LINE_ALREADY_DISPENSED);
        // the other line may still change
        fixture.given(issued(), accepted(PHARMACY_A), queried(PHARMACY_A, SHORTER_LOXOPROFEN),
                        dispensed(PHARMACY_A, 1, false, item(1, 14, 14)))
                .when(answer(true))
                .expectEvents(answered(true), amended(List.of(AMLODIPINE_LINE, SHORTER_LOXOPROFEN), 2));
    }

    @Test
    void anOpenQueryBlocksNeitherDispensingNorRelease() {
        fixture.given(issued(), accepted(PHARMACY_A), queried(PHARMACY_A, SHORTER_LOXOPROFEN))
                .when(dispense(PHARMACY_A, item(1, 28, 28)))
                .expectEvents(dispensed(PHARMACY_A, 1, false, item(1, 28, 28)));
        fixture.given(issued(), accepted(PHARMACY_A), queried(PHARMACY_A, SHORTER_LOXOPROFEN))
                .when(release(PHARMACY_A))
                .expectEvents(released(PHARMACY_A, 1));
    }

    @Test
    void aFinalPrescriptionIsNotAmended() {
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A), queried(PHARMACY_A, SHORTER_LOXOPROFEN),
                        dispensed(PHARMACY_A, 1, true, item(1, 28, 28)), completed())
                .when(answer(true)), Refusal.NOT_AMENDABLE);
    }

    @Test
    void aRetriedIssueIsRecognisedAfterAnAmendment() {
        fixture.given(issued(), accepted(PHARMACY_A), queried(PHARMACY_A, SHORTER_LOXOPROFEN), answered(true),
                        amended(List.of(AMLODIPINE_LINE, SHORTER_LOXOPROFEN), 2))
                .when(issue())
                .expectNoEvents();
    }
}

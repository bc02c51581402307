package org.eprescription.core.prescription;

import org.eprescription.core.refusal.Refusal;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;

import java.time.LocalTime;

class AcceptPrescriptionTest extends PrescriptionTestSupport {

    @Test
    void acceptingAPrescriptionThatWasNeverIssuedFindsNoAggregate() {
        fixture.givenNoPriorActivity()
                .when(accept(PHARMACY_A))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void anIssuedPrescriptionIsAcceptedForItsFirstUse() {
        fixture.given(issued())
                .when(accept(PHARMACY_A))
                .expectEvents(accepted(PHARMACY_A, 1))
                .expectResultMessagePayload(1L);
    }

    @Test
    void theExchangeCodeHashIsTheOneOfTheCodeAsTheTypedCode() {
        String typed = EXCHANGE_CODES.codeFor(ID).replace("-", " ");
        fixture.given(issued())
                .when(acceptWith(EXCHANGE_CODES.hashOf(typed), BIRTH_DATE, PHARMACY_A))
                .expectEvents(accepted(PHARMACY_A, 1));
    }

    @Test
    void aWrongExchangeCodeIsRefusedAsUnknown() {
        String otherCodeHash = EXCHANGE_CODES.hashOf("1234-5678-9012-3456");
        expectRefused(fixture.given(issued()).when(acceptWith(otherCodeHash, BIRTH_DATE, PHARMACY_A)),
                Refusal.UNKNOWN_EXCHANGE_CODE);
    }

    @Test
    void thePlainCodeInsteadOfItsHashIsRefusedAsUnknown() {
        expectRefused(fixture.given(issued()).when(acceptWith(EXCHANGE_CODES.codeFor(ID), BIRTH_DATE, PHARMACY_A)),
                Refusal.UNKNOWN_EXCHANGE_CODE);
    }

    @Test
    void aMissingExchangeCodeIsRefusedAsUnknown() {
        expectRefused(fixture.given(issued()).when(acceptWith(null, BIRTH_DATE, PHARMACY_A)),
                Refusal.UNKNOWN_EXCHANGE_CODE);
    }

    @Test
    void theRightCodeWithAWrongBirthDateIsRefusedAsUnknown() {
        expectRefused(fixture.given(issued()).when(acceptWith(CODE_HASH, BIRTH_DATE.plusDays(1), PHARMACY_A)),
                Refusal.UNKNOWN_EXCHANGE_CODE);
    }

    @Test
    void aWrongCodeOnACancelledPrescriptionIsStillUnknownSoTheStateDoesNotLeak() {
        expectRefused(fixture.given(issued(), cancelled())
                        .when(acceptWith(EXCHANGE_CODES.hashOf("0000-0000-0000-0000"), BIRTH_DATE, PHARMACY_A)),
                Refusal.UNKNOWN_EXCHANGE_CODE);
    }

    @Test
    void aWrongBirthDateOnAPrescriptionHeldElsewhereIsStillUnknown() {
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A))
                        .when(acceptWith(CODE_HASH, BIRTH_DATE.minusYears(1), PHARMACY_B)),
                Refusal.UNKNOWN_EXCHANGE_CODE);
    }

    @Test
    void acceptIsRefusedWhileAnotherPharmacyHoldsThePrescription() {
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A)).when(accept(PHARMACY_B)),
                Refusal.HELD_BY_ANOTHER_PHARMACY);
    }

    @Test
    void theHoldingPharmacyAcceptingAgainChangesNothing() {
        fixture.given(issued(), accepted(PHARMACY_A))
                .when(accept(PHARMACY_A))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void aCancelledPrescriptionCannotBeAccepted() {
        expectRefused(fixture.given(issued(), cancelled()).when(accept(PHARMACY_A)), Refusal.NOT_ACCEPTABLE_NOW);
    }

    @Test
    void anExpiredPrescriptionCannotBeAccepted() {
        expectRefused(fixture.given(issued(), expired(1)).when(accept(PHARMACY_A)), Refusal.NOT_ACCEPTABLE_NOW);
    }

    @Test
    void aCompletedPrescriptionCannotBeAccepted() {
        expectRefused(fixture.given(completedHistory()).when(accept(PHARMACY_A)), Refusal.NOT_ACCEPTABLE_NOW);
    }

    @Test
    void aCompletedPrescriptionCannotBeAcceptedByAnotherPharmacyEither() {
        expectRefused(fixture.given(completedHistory()).when(accept(PHARMACY_B)), Refusal.NOT_ACCEPTABLE_NOW);
    }

    @Test
    void acceptingOnTheLastValidDayJustBeforeMidnightWorks() {
        Object issued = issued();
        today(DEFAULT_VALID_UNTIL, LocalTime.of(23, 59, 59));
        fixture.given(issued)
                .when(accept(PHARMACY_A))
                .expectEvents(accepted(PHARMACY_A, 1));
    }

    @Test
    void acceptingAfterValidUntilHasPassedIsRefusedEvenBeforeTheExpirySweepRan() {
        Object issued = issued();
        today(DEFAULT_VALID_UNTIL.plusDays(1), LocalTime.MIDNIGHT);
        expectRefused(fixture.given(issued).when(accept(PHARMACY_A)), Refusal.NOT_ACCEPTABLE_NOW);
    }

    @Test
    void aRefillUseCannotBeAcceptedBeforeItsWindowOpens() {
        expectRefused(awaitingFirstRefillOn(REFILL_OPENS.minusDays(1)).when(accept(PHARMACY_A)),
                Refusal.REFILL_WINDOW_NOT_OPEN);
    }

    @Test
    void aRefillUseCannotBeAcceptedRightAfterTheFirstUseWasDispensed() {
        expectRefused(fixture.given(awaitingFirstRefill()).when(accept(PHARMACY_B)), Refusal.REFILL_WINDOW_NOT_OPEN);
    }

    @Test
    void aRefillUseIsAcceptedOnTheDayItsWindowOpensAsUseTwo() {
        awaitingFirstRefillOn(REFILL_OPENS)
                .when(accept(PHARMACY_B))
                .expectEvents(accepted(PHARMACY_B, 2))
                .expectResultMessagePayload(4L);
    }

    @Test
    void aRefillUseIsAcceptedOnTheDayItsWindowCloses() {
        awaitingFirstRefillOn(REFILL_CLOSES, LocalTime.of(23, 0))
                .when(accept(PHARMACY_A))
                .expectEvents(accepted(PHARMACY_A, 2));
    }

    @Test
    void aRefillUseCannotBeAcceptedAfterItsWindowClosed() {
        expectRefused(awaitingFirstRefillOn(REFILL_CLOSES.plusDays(1)).when(accept(PHARMACY_A)),
                Refusal.NOT_ACCEPTABLE_NOW);
    }

    @Test
    void theFirstUseValidityDoesNotLimitARefillUse() {
        // validUntil (issue day + 3) has long passed when the refill window opens
        awaitingFirstRefillOn(REFILL_PLANNED)
                .when(accept(PHARMACY_A))
                .expectEvents(accepted(PHARMACY_A, 2));
    }
}

package org.eprescription.core.prescription;

import org.eprescription.core.refusal.Refusal;

import org.junit.jupiter.api.Test;

class ReleasePrescriptionTest extends PrescriptionTestSupport {

    @Test
    void theHoldingPharmacyReleasesThePrescription() {
        fixture.given(issued(), accepted(PHARMACY_A))
                .when(release(PHARMACY_A))
                .expectEvents(released(PHARMACY_A, 1))
                .expectResultMessagePayload(2L);
    }

    @Test
    void afterAReleaseAnotherPharmacyMayAccept() {
        fixture.given(issued(), accepted(PHARMACY_A), released(PHARMACY_A, 1))
                .when(accept(PHARMACY_B))
                .expectEvents(accepted(PHARMACY_B, 1));
    }

    @Test
    void afterAReleaseTheSamePharmacyMayAcceptAgain() {
        fixture.given(issued(), accepted(PHARMACY_A), released(PHARMACY_A, 1))
                .when(accept(PHARMACY_A))
                .expectEvents(accepted(PHARMACY_A, 1));
    }

    @Test
    void anotherPharmacyCannotRelease() {
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A)).when(release(PHARMACY_B)),
                Refusal.NOT_THE_HOLDING_PHARMACY);
    }

    @Test
    void releasingARefillUseReturnsItToAwaitingRefill() {
        awaitingFirstRefillOn(REFILL_PLANNED)
                .andGiven(accepted(PHARMACY_A, 2))
                .when(release(PHARMACY_A))
                .expectEvents(released(PHARMACY_A, 2));
    }

    @Test
    void aReleasedRefillUseIsAcceptedAgainInItsWindowWithTheSameUseNumber() {
        awaitingFirstRefillOn(REFILL_PLANNED)
                .andGiven(accepted(PHARMACY_A, 2), released(PHARMACY_A, 2))
                .when(accept(PHARMACY_B))
                .expectEvents(accepted(PHARMACY_B, 2));
    }

    @Test
    void aReleasedRefillUseIsStillBoundToItsWindow() {
        Object[] history = awaitingFirstRefill();
        today(REFILL_PLANNED);
        Object[] acceptedAndReleased = {accepted(PHARMACY_A, 2), released(PHARMACY_A, 2)};
        today(REFILL_PLANNED.plusDays(8));
        expectRefused(fixture.given(history).andGiven(acceptedAndReleased).when(accept(PHARMACY_B)),
                Refusal.NOT_ACCEPTABLE_NOW);
    }

    @Test
    void releasingAfterACancellationRequestCancelsThePrescription() {
        fixture.given(issued(), accepted(PHARMACY_A), cancellationRequested(PHARMACY_A))
                .when(release(PHARMACY_A))
                .expectEvents(released(PHARMACY_A, 1), cancelledOnRelease())
                .expectResultMessagePayload(4L);
    }

    @Test
    void aPrescriptionCancelledByARequestAndReleaseCannotBeAcceptedAnyMore() {
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A), cancellationRequested(PHARMACY_A))
                        .andGivenCommands(release(PHARMACY_A))
                        .when(accept(PHARMACY_B)),
                Refusal.NOT_ACCEPTABLE_NOW);
    }

    @Test
    void onlyTheHoldingPharmacyDecidesOnACancellationRequest() {
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A), cancellationRequested(PHARMACY_A))
                .when(release(PHARMACY_B)), Refusal.NOT_THE_HOLDING_PHARMACY);
    }
}

package org.eprescription.core.prescription;

import org.eprescription.core.refusal.Refusal;

import org.eprescription.core.prescription.event.PrescriptionCancelled;
import org.junit.jupiter.api.Test;

class CancelPrescriptionTest extends PrescriptionTestSupport {

    @Test
    void anIssuedPrescriptionIsCancelled() {
        fixture.given(issued())
                .when(cancel())
                .expectEvents(cancelled())
                .expectResultMessagePayload(1L);
    }

    @Test
    void anotherPrescriberOfTheIssuingInstitutionMayCancel() {
        fixture.given(issued())
                .when(cancelBy(HOSPITAL, OTHER_DOCTOR_SAME_HOSPITAL))
                .expectEvents(new PrescriptionCancelled(ID, HOSPITAL, OTHER_DOCTOR_SAME_HOSPITAL, "wrong dose",
                        clock.instant()));
    }

    @Test
    void aPrescriptionAwaitingItsRefillIsCancelled() {
        fixture.given(awaitingFirstRefill())
                .when(cancel())
                .expectEvents(cancelled());
    }

    @Test
    void aCancelledRefillCannotBeAcceptedInItsWindow() {
        Object[] history = awaitingFirstRefill();
        Object cancelled = cancelled();
        today(REFILL_PLANNED);
        expectRefused(fixture.given(history).andGiven(cancelled).when(accept(PHARMACY_A)),
                Refusal.NOT_ACCEPTABLE_NOW);
    }

    @Test
    void cancellingWhileAPharmacyHoldsItOnlyRequestsItNamingThatPharmacy() {
        fixture.given(issued(), accepted(PHARMACY_B))
                .when(cancel())
                .expectEvents(cancellationRequested(PHARMACY_B))
                .expectResultMessagePayload(2L);
    }

    @Test
    void theHoldingPharmacyMayStillDispenseAfterTheRequest() {
        fixture.given(issued(), accepted(PHARMACY_A), cancellationRequested(PHARMACY_A))
                .when(dispenseEverything(PHARMACY_A))
                .expectEvents(dispensedEverything(PHARMACY_A, 1), completed());
    }

    @Test
    void aSecondRequestWhileTheFirstIsPendingChangesNothing() {
        fixture.given(issued(), accepted(PHARMACY_A), cancellationRequested(PHARMACY_A))
                .when(cancel())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(2L);
    }

    @Test
    void aCompletedPrescriptionCannotBeCancelled() {
        expectRefused(fixture.given(completedHistory()).when(cancel()), Refusal.NOT_CANCELLABLE);
    }

    @Test
    void anExpiredPrescriptionCannotBeCancelled() {
        expectRefused(fixture.given(issued(), expired(1)).when(cancel()), Refusal.NOT_CANCELLABLE);
    }

    @Test
    void aCancelledPrescriptionCannotBeCancelledAgain() {
        expectRefused(fixture.given(issued(), cancelled()).when(cancel()), Refusal.NOT_CANCELLABLE);
    }

    @Test
    void anotherInstitutionCannotCancel() {
        expectRefused(fixture.given(issued()).when(cancelBy(OTHER_HOSPITAL, DOCTOR_ELSEWHERE)),
                Refusal.NOT_THE_ISSUING_INSTITUTION);
    }

    @Test
    void anotherInstitutionCannotRequestACancellationEither() {
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A)).when(cancelBy(OTHER_HOSPITAL, DOCTOR_ELSEWHERE)),
                Refusal.NOT_THE_ISSUING_INSTITUTION);
    }

    @Test
    void theInstitutionIsCheckedBeforeTheState() {
        expectRefused(fixture.given(completedHistory()).when(cancelBy(OTHER_HOSPITAL, DOCTOR_ELSEWHERE)),
                Refusal.NOT_THE_ISSUING_INSTITUTION);
    }

    @Test
    void theSamePrescriberIdUnderAnotherInstitutionCannotCancel() {
        expectRefused(fixture.given(issued()).when(cancelBy(OTHER_HOSPITAL, DOCTOR)),
                Refusal.NOT_THE_ISSUING_INSTITUTION);
    }
}

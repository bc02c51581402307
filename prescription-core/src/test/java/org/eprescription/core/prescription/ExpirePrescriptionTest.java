package org.eprescription.core.prescription;

import org.eprescription.core.refusal.Refusal;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;

class ExpirePrescriptionTest extends PrescriptionTestSupport {

    static final LocalDate REFILL_CLOSES = ISSUE_DAY.plusDays(28 + 7);

    @Test
    void anIssuedPrescriptionExpiresOnceValidUntilsDayHasEnded() {
        Object issued = issued();
        today(DEFAULT_VALID_UNTIL.plusDays(1), LocalTime.MIDNIGHT);
        fixture.given(issued)
                .when(expire())
                .expectEvents(expired(1))
                .expectResultMessagePayload(1L);
    }

    @Test
    void anIssuedPrescriptionDoesNotExpireOnItsValidUntilDay() {
        Object issued = issued();
        today(DEFAULT_VALID_UNTIL, LocalTime.of(23, 59, 59));
        fixture.given(issued)
                .when(expire())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void anIssuedPrescriptionDoesNotExpireBeforeItsValidUntil() {
        fixture.given(issued()).when(expire()).expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aRefillUseExpiresOnceItsWindowHasClosed() {
        Object[] history = awaitingFirstRefill();
        today(REFILL_CLOSES.plusDays(1));
        fixture.given(history)
                .when(expire())
                .expectEvents(expired(2));
    }

    @Test
    void aRefillUseDoesNotExpireOnTheLastDayOfItsWindow() {
        Object[] history = awaitingFirstRefill();
        today(REFILL_CLOSES, LocalTime.of(23, 59));
        fixture.given(history).when(expire()).expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aRefillUseDoesNotExpireBeforeItsWindowEvenPastTheFirstValidUntil() {
        Object[] history = awaitingFirstRefill();
        today(DEFAULT_VALID_UNTIL.plusDays(5));
        fixture.given(history).when(expire()).expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aPrescriptionHeldByAPharmacyDoesNotExpire() {
        Object[] history = {issued(), accepted(PHARMACY_A)};
        today(DEFAULT_VALID_UNTIL.plusDays(30));
        fixture.given(history).when(expire()).expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aCompletedPrescriptionDoesNotExpire() {
        Object[] history = completedHistory();
        today(DEFAULT_VALID_UNTIL.plusDays(30));
        fixture.given(history).when(expire()).expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void anExpiredPrescriptionDoesNotExpireTwice() {
        Object[] history = {issued(), expired(1)};
        today(DEFAULT_VALID_UNTIL.plusDays(30));
        fixture.given(history)
                .when(expire())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void aCancelledPrescriptionDoesNotExpire() {
        Object[] history = {issued(), cancelled()};
        today(DEFAULT_VALID_UNTIL.plusDays(30));
        fixture.given(history).when(expire()).expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aPrescriptionReleasedAfterItsValidUntilExpires() {
        Object[] history = {issued(), accepted(PHARMACY_A), released(PHARMACY_A, 1)};
        today(DEFAULT_VALID_UNTIL.plusDays(2));
        fixture.given(history).when(expire()).expectEvents(expired(1));
    }

    @Test
    void anExpiredPrescriptionCannotBeAccepted() {
        Object issued = issued();
        today(DEFAULT_VALID_UNTIL.plusDays(1));
        expectRefused(fixture.given(issued).andGivenCommands(expire()).when(accept(PHARMACY_A)),
                Refusal.NOT_ACCEPTABLE_NOW);
    }
}

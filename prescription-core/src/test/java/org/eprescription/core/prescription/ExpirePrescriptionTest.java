package org.eprescription.core.prescription;

import org.eprescription.core.refusal.Refusal;

import org.axonframework.test.aggregate.ResultValidator;
import org.eprescription.core.prescription.event.PrescriptionExpired;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;

class ExpirePrescriptionTest extends PrescriptionTestSupport {

    @Test
    void anIssuedPrescriptionExpiresOnceValidUntilsDayHasEnded() {
        expectExpiry(new Object[]{issued()}, DEFAULT_VALID_UNTIL.plusDays(1), LocalTime.MIDNIGHT, 1, DEFAULT_VALID_UNTIL)
                .expectResultMessagePayload(1L);
    }

    @Test
    void anIssuedPrescriptionDoesNotExpireOnItsValidUntilDay() {
        expectNoExpiry(new Object[]{issued()}, DEFAULT_VALID_UNTIL, LocalTime.of(23, 59, 59))
                .expectResultMessagePayload(0L);
    }

    @Test
    void anIssuedPrescriptionDoesNotExpireBeforeItsValidUntil() {
        fixture.given(issued()).when(expire()).expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aRefillUseExpiresOnceItsWindowHasClosed() {
        expectExpiry(awaitingFirstRefill(), REFILL_CLOSES.plusDays(1), OFFICE_HOURS, 2, REFILL_CLOSES);
    }

    @Test
    void aRefillUseDoesNotExpireOnTheLastDayOfItsWindow() {
        expectNoExpiry(awaitingFirstRefill(), REFILL_CLOSES, LocalTime.of(23, 59));
    }

    @Test
    void aRefillUseDoesNotExpireBeforeItsWindowEvenPastTheFirstValidUntil() {
        expectNoExpiry(awaitingFirstRefill(), DEFAULT_VALID_UNTIL.plusDays(5), OFFICE_HOURS);
    }

    @Test
    void aPrescriptionHeldByAPharmacyDoesNotExpire() {
        expectNoExpiry(new Object[]{issued(), accepted(PHARMACY_A)}, DEFAULT_VALID_UNTIL.plusDays(30), OFFICE_HOURS);
    }

    @Test
    void aCompletedPrescriptionDoesNotExpire() {
        expectNoExpiry(completedHistory(), DEFAULT_VALID_UNTIL.plusDays(30), OFFICE_HOURS);
    }

    @Test
    void anExpiredPrescriptionDoesNotExpireTwice() {
        expectNoExpiry(new Object[]{issued(), expired(1)}, DEFAULT_VALID_UNTIL.plusDays(30), OFFICE_HOURS)
                .expectResultMessagePayload(1L);
    }

    @Test
    void aCancelledPrescriptionDoesNotExpire() {
        expectNoExpiry(new Object[]{issued(), cancelled()}, DEFAULT_VALID_UNTIL.plusDays(30), OFFICE_HOURS);
    }

    @Test
    void aPrescriptionReleasedAfterItsValidUntilExpires() {
        expectExpiry(new Object[]{issued(), accepted(PHARMACY_A), released(PHARMACY_A, 1)},
                DEFAULT_VALID_UNTIL.plusDays(2), OFFICE_HOURS, 1, DEFAULT_VALID_UNTIL);
    }

    @Test
    void anExpiredPrescriptionCannotBeAccepted() {
        Object issued = issued();
        today(DEFAULT_VALID_UNTIL.plusDays(1));
        expectRefused(fixture.given(issued).andGivenCommands(expire()).when(accept(PHARMACY_A)),
                Refusal.NOT_ACCEPTABLE_NOW);
    }

    /**
     * The history, recorded before the clock moves to {@code day} at {@code time}, then expires that use: the event
     * records the day it was decided on and the deadline that had passed.
     */
    private ResultValidator<Prescription> expectExpiry(Object[] history, LocalDate day, LocalTime time, int use,
                                                       LocalDate deadline) {
        today(day, time);
        return fixture.given(history).when(expire())
                .expectEvents(new PrescriptionExpired(ID, use, clock.instant(), day, deadline));
    }

    /** The history, recorded before the clock moves to {@code day} at {@code time}, then does not expire. */
    private ResultValidator<Prescription> expectNoExpiry(Object[] history, LocalDate day, LocalTime time) {
        today(day, time);
        return fixture.given(history).when(expire()).expectSuccessfulHandlerExecution().expectNoEvents();
    }
}

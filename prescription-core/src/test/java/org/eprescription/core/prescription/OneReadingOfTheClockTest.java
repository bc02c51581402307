package org.eprescription.core.prescription;

import org.eprescription.core.ids.QueryId;
import org.eprescription.core.prescription.command.AnswerQuery;
import org.eprescription.core.prescription.command.CorrectDispensing;
import org.eprescription.core.prescription.event.DispensingCorrected;
import org.eprescription.core.prescription.event.PrescriberQueried;
import org.eprescription.core.prescription.event.PrescriptionAccepted;
import org.eprescription.core.prescription.event.PrescriptionAmended;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.eprescription.core.prescription.event.PrescriptionExpired;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.eprescription.core.prescription.event.QueryAnswered;
import org.eprescription.core.prescription.event.RefillScheduled;
import org.eprescription.core.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.eprescription.core.testsupport.SampleDrugs.LOXOPROFEN_TABLET;

/**
 * A command reads the clock once (docs/domain.md, "Days"): the day its rules judge with, and the day and instant its
 * events record, come from one reading. Each command here runs on a clock that moves a millisecond at every reading,
 * from the last millisecond of a day, so a second reading would fall on the next day.
 */
class OneReadingOfTheClockTest extends PrescriptionTestSupport {

    static Instant lastMillisecondOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1);
    }

    @Test
    void anIssueAtMidnightIsDatedTheDayOfItsInstant() {
        fixtureWith(MutableClock.tickingFromDaysEnd(ISSUE_DAY)).givenNoPriorActivity()
                .when(issue())
                .expectEvents(new PrescriptionIssued(ID, PATIENT, PRESCRIBER, LINES, 0, ISSUE_DAY.plusDays(3),
                        CODE_HASH, "k1", 0, List.of(), lastMillisecondOf(ISSUE_DAY), ISSUE_DAY));
    }

    @Test
    void anAcceptInTheLastMillisecondOfItsValidityIsRecordedAtThatMillisecond() {
        Object[] given = {issued()};
        fixtureWith(MutableClock.tickingFromDaysEnd(DEFAULT_VALID_UNTIL)).given(given)
                .when(accept(PHARMACY_A))
                .expectEvents(new PrescriptionAccepted(ID, PHARMACY_A, pharmacistOf(PHARMACY_A), 1,
                        lastMillisecondOf(DEFAULT_VALID_UNTIL)));
    }

    @Test
    void aDispensingAtMidnightIsDatedTheDayOfItsInstant() {
        Object[] given = {issued(), accepted(PHARMACY_A)};
        fixtureWith(MutableClock.tickingFromDaysEnd(ISSUE_DAY)).given(given)
                .when(dispense(PHARMACY_A, item(1, 14, 14)))
                .expectEvents(new PrescriptionDispensed(ID, PHARMACY_A, pharmacistOf(PHARMACY_A), 1,
                        List.of(item(1, 14, 14)), false, lastMillisecondOf(ISSUE_DAY), ISSUE_DAY,
                        List.of(new LineQuantity(1, qty(14))), List.of()));
    }

    @Test
    void aRefillScheduledAtMidnightIsPlannedFromTheDayOfTheDispensing() {
        Object[] given = {issued(1), accepted(PHARMACY_A)};
        Instant dispensedAt = lastMillisecondOf(ISSUE_DAY);
        fixtureWith(MutableClock.tickingFromDaysEnd(ISSUE_DAY)).given(given)
                .when(dispenseEverything(PHARMACY_A))
                .expectEvents(new PrescriptionDispensed(ID, PHARMACY_A, pharmacistOf(PHARMACY_A), 1, everything(),
                                true, dispensedAt, ISSUE_DAY, List.of(new LineQuantity(1, qty(28)),
                                new LineQuantity(2, qty(21))), List.of()),
                        new RefillScheduled(ID, 2, ISSUE_DAY.plusDays(28), ISSUE_DAY.plusDays(21),
                                ISSUE_DAY.plusDays(35), dispensedAt, 28));
    }

    @Test
    void aCorrectionInTheLastMillisecondOfTheDispensingDayIsRecordedAtThatMillisecond() {
        Object[] given = {issued(), accepted(PHARMACY_A), dispensed(PHARMACY_A, 1, false, item(1, 14, 14))};
        fixtureWith(MutableClock.tickingFromDaysEnd(ISSUE_DAY)).given(given)
                .when(new CorrectDispensing(ID, PHARMACY_A, pharmacistOf(PHARMACY_A), 1, "entered 14, gave 10",
                        List.of(item(1, 10, 10))))
                .expectEvents(new DispensingCorrected(ID, 1, 1, PHARMACY_A, pharmacistOf(PHARMACY_A),
                        "entered 14, gave 10", List.of(item(1, 10, 10)), false, lastMillisecondOf(ISSUE_DAY),
                        ISSUE_DAY, List.of(new LineQuantity(1, qty(10))), List.of()));
    }

    @Test
    void anAmendmentAtMidnightIsDatedTheDayOfItsAnswer() {
        QueryId query = QueryId.of("0b7a3f4e-2c1d-4e5f-8a9b-0c1d2e3f4a5b");
        PrescribedLine shorter = new PrescribedLine(2, LOXOPROFEN_TABLET, qty(9), "tablet", "as directed", 3);
        Object[] given = {issued(), accepted(PHARMACY_A), new PrescriberQueried(ID, query, PHARMACY_A,
                pharmacistOf(PHARMACY_A), 1, "3 days?", List.of(shorter), clock.instant())};
        Instant answeredAt = lastMillisecondOf(ISSUE_DAY);
        fixtureWith(MutableClock.tickingFromDaysEnd(ISSUE_DAY)).given(given)
                .when(new AnswerQuery(ID, query, HOSPITAL, DOCTOR, "yes", true))
                .expectEvents(new QueryAnswered(ID, query, HOSPITAL, DOCTOR, "yes", true, answeredAt),
                        new PrescriptionAmended(ID, query, HOSPITAL, DOCTOR, List.of(AMLODIPINE_LINE, shorter),
                                List.of(2), answeredAt, ISSUE_DAY, ISSUE_DAY));
    }

    @Test
    void anExpiryAtMidnightIsRecordedAtTheInstantOfTheDayItFound() {
        LocalDate dayAfter = DEFAULT_VALID_UNTIL.plusDays(1);
        Object[] given = {issued()};
        fixtureWith(MutableClock.tickingFromDaysEnd(dayAfter)).given(given)
                .when(expire())
                .expectEvents(new PrescriptionExpired(ID, 1, lastMillisecondOf(dayAfter), dayAfter,
                        DEFAULT_VALID_UNTIL));
    }
}

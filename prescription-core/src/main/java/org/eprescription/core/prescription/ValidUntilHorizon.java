package org.eprescription.core.prescription;

import org.eprescription.core.refusal.PrescriptionRefusedException;
import org.eprescription.core.refusal.Refusal;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;

/**
 * How far after the issue date a prescription's {@code validUntil} may lie (default 1 year). A deployment sets it;
 * the aggregate receives it as a handler parameter.
 */
public record ValidUntilHorizon(Period period) {

    public static final ValidUntilHorizon DEFAULT = new ValidUntilHorizon(Period.ofYears(1));

    public ValidUntilHorizon {
        Objects.requireNonNull(period, "period");
        // any date will do: only months and years vary in length, and never below 28 days
        LocalDate someDay = LocalDate.of(2001, 2, 1);
        if (someDay.plus(period).isBefore(someDay.plusDays(Prescription.DEFAULT_VALIDITY_DAYS))) {
            throw new IllegalArgumentException("the validUntil horizon " + period + " is shorter than the default "
                    + "validity of " + Prescription.DEFAULT_VALIDITY_DAYS + " days");
        }
    }

    /** The last day a prescription issued on {@code issueDate} may be valid until. */
    public LocalDate latestFor(LocalDate issueDate) {
        return issueDate.plus(period);
    }

    /**
     * Refuses a draft check's start further from {@code today} than the horizon, either way: an issue's courses start
     * within it, and a draft dated years away would say "nothing found" for a start no prescription can have
     * (docs/alerts.md, "Where the courses live").
     */
    public void requireDraftStart(LocalDate start, LocalDate today) {
        if (start.isAfter(latestFor(today)) || start.isBefore(today.minus(period))) {
            throw new PrescriptionRefusedException(Refusal.START_DATE_OUT_OF_RANGE, "startDate " + start
                    + " is not within " + period + " of today, " + today);
        }
    }
}

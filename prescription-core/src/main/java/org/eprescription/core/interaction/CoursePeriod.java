package org.eprescription.core.interaction;

import org.eprescription.core.catalogue.Drug;
import org.eprescription.core.catalogue.Route;

import java.time.LocalDate;
import java.util.Objects;

/** The days a course covers, both ends inclusive. */
public record CoursePeriod(LocalDate from, LocalDate to) {

    /**
     * A line with no computable period (a topical drug, or a line taken as needed, 頓用) counts as this many days, as
     * Japan's service does.
     */
    public static final int UNCOMPUTABLE_PERIOD_DAYS = 14;

    public CoursePeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a period ends on or after its start: " + from + " .. " + to);
        }
    }

    /**
     * The period of {@code days} days of supply of {@code drug} from {@code start}: end = start + days - 1; a line
     * taken as needed, or of a topical drug, counts as {@value #UNCOMPUTABLE_PERIOD_DAYS} days whatever the days of
     * supply say. Every caller says whether its line is taken as needed: a course computed without it would end too
     * early, and a later check would not see it.
     */
    public static CoursePeriod of(LocalDate start, int days, Drug drug, boolean asNeeded) {
        return of(start, days, drug == null ? null : drug.route(), asNeeded);
    }

    /**
     * As {@link #of(LocalDate, int, Drug, boolean)}, for a drug given by {@code route} (null: a drug nobody described,
     * counted by its days): the route the event that brought the drug in recorded, so that a later catalogue never
     * changes how long a course of history lasts (docs/domain.md, "Courses").
     */
    public static CoursePeriod of(LocalDate start, int days, Route route, boolean asNeeded) {
        boolean uncomputable = asNeeded || route == Route.TOPICAL;
        int counted = uncomputable ? UNCOMPUTABLE_PERIOD_DAYS : days;
        if (counted < 1) {
            throw new IllegalArgumentException("a course lasts at least one day, not " + counted);
        }
        return new CoursePeriod(start, start.plusDays(counted - 1L));
    }

    /** Whether the two periods share at least one day (touching periods overlap: the end day counts). */
    public boolean overlaps(CoursePeriod other) {
        return overlap(from, to, other.from, other.to);
    }

    public static boolean overlap(LocalDate fromA, LocalDate toA, LocalDate fromB, LocalDate toB) {
        return !fromA.isAfter(toB) && !fromB.isAfter(toA);
    }
}

package org.eprescription.core.interaction;

import org.eprescription.core.ids.DrugCode;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One course of a prescription as a check decided it: which line and use, which drug, which days. The dates are
 * decided once, by the command, and stored in the event, so no replay re-dates a course with other reference data.
 */
public record RecordedCourse(int lineNumber, int use, DrugCode drugCode, LocalDate from, LocalDate to,
                             CourseStatus status) {

    public RecordedCourse {
        Objects.requireNonNull(drugCode, "drugCode");
        Objects.requireNonNull(status, "status");
        new CoursePeriod(from, to); // both present, in order
    }

    public CoursePeriod period() {
        return new CoursePeriod(from, to);
    }
}

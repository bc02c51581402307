package org.eprescription.core.interaction;

import org.eprescription.core.ids.DrugCode;

import java.time.LocalDate;
import java.util.Objects;

/** A line of a new (or draft) prescription, with the period it would cover. */
public record CandidateLine(int lineNumber, DrugCode drugCode, LocalDate from, LocalDate to) {

    public CandidateLine {
        Objects.requireNonNull(drugCode, "drugCode");
        new CoursePeriod(from, to); // both present, in order
    }

    public CoursePeriod period() {
        return new CoursePeriod(from, to);
    }
}

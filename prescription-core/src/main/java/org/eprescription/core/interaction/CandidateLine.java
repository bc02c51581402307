package org.eprescription.core.interaction;

import org.eprescription.core.ids.DrugCode;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A line of a prescription (or a draft) in one of its uses, with the period it would cover: the use names the line's
 * course where a later line of the same prescription conflicts with it.
 */
public record CandidateLine(int lineNumber, int use, DrugCode drugCode, LocalDate from, LocalDate to) {

    public CandidateLine {
        Objects.requireNonNull(drugCode, "drugCode");
        new CoursePeriod(from, to); // both present, in order
    }

    /** A line of a new prescription (or a draft), in its first use. */
    public CandidateLine(int lineNumber, DrugCode drugCode, LocalDate from, LocalDate to) {
        this(lineNumber, 1, drugCode, from, to);
    }

    public CoursePeriod period() {
        return new CoursePeriod(from, to);
    }
}

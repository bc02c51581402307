package org.eprescription.query.prescription;

import java.time.Instant;
import java.util.Objects;

/**
 * Prescriptions a pharmacy has held since before {@code cutoff} with no dispensing since then, longest held first,
 * at most {@link #LIMIT} and one more if there are more (so that an answer can say it stops there); answers
 * {@code List<PrescriptionView>}.
 */
public record FindStuckPrescriptions(Instant cutoff) {

    /** A service desk works through the oldest first; a longer list is not read. */
    public static final int LIMIT = 500;

    public FindStuckPrescriptions {
        Objects.requireNonNull(cutoff, "cutoff");
    }
}

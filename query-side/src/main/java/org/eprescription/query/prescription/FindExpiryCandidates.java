package org.eprescription.query.prescription;

import java.time.LocalDate;

/**
 * Prescriptions still waiting for a pharmacy (ISSUED or AWAITING_REFILL) whose deadline lies before {@code today},
 * at most {@code limit}, oldest deadline first, after {@code after} (null: from the first); answers
 * {@link ExpiryCandidates}. The sweep sends {@code ExpirePrescription} for each; the aggregate decides again, so a
 * stale candidate is harmless, and the sweep goes on past it to the next page.
 */
public record FindExpiryCandidates(LocalDate today, int limit, ExpiryCandidates.Cursor after) {

    public FindExpiryCandidates(LocalDate today, int limit) {
        this(today, limit, null);
    }
}

package org.eprescription.query.prescription;

import java.time.LocalDate;

/**
 * Prescriptions still waiting for a pharmacy (ISSUED or AWAITING_REFILL) whose deadline lies before {@code today},
 * at most {@code limit}, oldest deadline first; answers {@link ExpiryCandidates}. The sweep sends
 * {@code ExpirePrescription} for each; the aggregate decides again, so a stale candidate is harmless.
 */
public record FindExpiryCandidates(LocalDate today, int limit) {
}

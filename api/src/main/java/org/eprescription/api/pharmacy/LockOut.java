package org.eprescription.api.pharmacy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a pharmacy's failed accepts lock it out: each failure that is the {@code limit}-th within {@code window}
 * starts a lock-out of {@code lockOut}; the pharmacy is locked until the last of these ends.
 */
final class LockOut {

    private LockOut() {
    }

    /** @param failures the pharmacy's failed accepts, oldest first */
    static Optional<Instant> until(List<Instant> failures, AcceptAttemptsProperties rule) {
        return until(failures, rule.pharmacy());
    }

    /** @param failures the failed accepts the rule counts, oldest first */
    static Optional<Instant> until(List<Instant> failures, AcceptAttemptsProperties.Rule rule) {
        Instant until = null;
        for (int last = rule.limit() - 1; last < failures.size(); last++) {
            Instant first = failures.get(last - rule.limit() + 1);
            Instant reached = failures.get(last);
            if (!first.isBefore(reached.minus(rule.window()))) {
                Instant ends = reached.plus(rule.lockOut());
                until = until == null || ends.isAfter(until) ? ends : until;
            }
        }
        return Optional.ofNullable(until);
    }
}

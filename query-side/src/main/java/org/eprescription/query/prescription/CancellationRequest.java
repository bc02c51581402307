package org.eprescription.query.prescription;

import java.time.Instant;

/**
 * The latest request of the issuing institution to cancel while a pharmacy held the prescription, and how it
 * ended: the holding pharmacy decides it by releasing (cancelled) or by a dispensing that completes the use (cancelled
 * after it when uses are left, lapsed on the last use); a partial dispensing leaves it pending.
 *
 * @param requestedAt when the institution asked
 * @param outcome     how the request stands
 * @param settledAt   when it was cancelled or lapsed; null while pending
 */
public record CancellationRequest(Instant requestedAt, Outcome outcome, Instant settledAt) {

    public enum Outcome {
        /** The holding pharmacy has not decided yet. */
        PENDING,
        /**
         * The holding pharmacy released the prescription, which cancelled it; or a dispensing completed a use with
         * uses left, and the prescription was cancelled after it.
         */
        CANCELLED,
        /**
         * A dispensing completed the use; the request lapsed and the prescription went on (completed on its last use;
         * before the exchange cancelled after a use with uses left, also to the next use).
         */
        LAPSED
    }

    static CancellationRequest pending(Instant requestedAt) {
        return new CancellationRequest(requestedAt, Outcome.PENDING, null);
    }

    boolean isPending() {
        return outcome == Outcome.PENDING;
    }

    /** Whether a completing dispensing at {@code at} let it lapse. */
    boolean lapsedAt(Instant at) {
        return outcome == Outcome.LAPSED && at.equals(settledAt);
    }

    CancellationRequest settled(Outcome outcome, Instant at) {
        return new CancellationRequest(requestedAt, outcome, at);
    }
}

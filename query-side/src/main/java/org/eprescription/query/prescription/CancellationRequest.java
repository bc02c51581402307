package org.eprescription.query.prescription;

import java.time.Instant;

/**
 * The latest request of the issuing institution to cancel while a pharmacy held the prescription, and how it
 * ended: the holding pharmacy decides it by releasing (cancelled) or by a dispensing that completes the use
 * (lapsed); a partial dispensing leaves it pending.
 *
 * @param requestedAt when the institution asked
 * @param outcome     how the request stands
 * @param settledAt   when it was cancelled or lapsed; null while pending
 */
public record CancellationRequest(Instant requestedAt, Outcome outcome, Instant settledAt) {

    public enum Outcome {
        /** The holding pharmacy has not decided yet. */
        PENDING,
        /** The holding pharmacy released the prescription, which cancelled it. */
        CANCELLED,
        /** A dispensing completed the use; the request lapsed and the prescription went on. */
        LAPSED
    }

    static CancellationRequest pending(Instant requestedAt) {
        return new CancellationRequest(requestedAt, Outcome.PENDING, null);
    }

    boolean isPending() {
        return outcome == Outcome.PENDING;
    }

    CancellationRequest settled(Outcome outcome, Instant at) {
        return new CancellationRequest(requestedAt, outcome, at);
    }
}

package org.eprescription.api.admin;

import java.time.Instant;

/**
 * One projection as {@code GET /admin/projections} shows it.
 *
 * @param position the global index its live processor has processed up to; null while the processor is stopped; for a
 *                 projection kept in the commands' transactions the head, which its tables always reflect
 * @param lag      events between the head of the store and that position
 * @param state    LIVE, REPLAYING or STOPPED
 * @param progress while a replay runs
 * @param lastReplay the outcome of the last replay since the application started, if any
 */
public record ProjectionStatus(String name, String state, Long position, long head, Long lag, Progress progress,
                               LastReplay lastReplay) {

    public record Progress(Instant startedAt, long eventsDone, long eventsTotal, long eventsPerSecond,
                           Long secondsLeft) {
    }

    /** @param outcome COMPLETED or FAILED */
    public record LastReplay(Instant startedAt, Instant finishedAt, String outcome, long events, String detail) {
    }
}

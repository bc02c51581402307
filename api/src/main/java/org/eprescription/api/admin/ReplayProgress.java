package org.eprescription.api.admin;

import java.time.Instant;

/** How far a running replay has come; written by the replay's thread, read by status requests. */
final class ReplayProgress {

    private final Instant startedAt;
    private final long startedNanos = System.nanoTime();
    private volatile long eventsDone;
    private volatile long position = -1;

    ReplayProgress(Instant startedAt) {
        this.startedAt = startedAt;
    }

    void reached(long eventsDone, long position) {
        this.eventsDone = eventsDone;
        this.position = position;
    }

    long eventsDone() {
        return eventsDone;
    }

    Instant startedAt() {
        return startedAt;
    }

    /** Total = done + the events between the replay's position and the store's head. */
    ProjectionStatus.Progress view(long head) {
        long done = eventsDone;
        long total = done + Math.max(0, head - position);
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        Long secondsLeft = rate > 0 ? Math.round((total - done) / rate) : null;
        return new ProjectionStatus.Progress(startedAt, done, total, Math.round(rate), secondsLeft);
    }
}

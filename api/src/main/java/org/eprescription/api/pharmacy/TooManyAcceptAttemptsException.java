package org.eprescription.api.pharmacy;

import java.time.Duration;

/**
 * A pharmacy that failed to accept too often in a short time is refused every accept for a while (429), so that
 * exchange codes cannot be guessed. Says nothing of the codes tried.
 */
public class TooManyAcceptAttemptsException extends RuntimeException {

    private final Duration retryAfter;

    public TooManyAcceptAttemptsException(Duration retryAfter) {
        super("too many failed accept attempts by this pharmacy; retry in " + seconds(retryAfter) + " seconds");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds until the lock-out ends, at least one (the unit of the Retry-After header). */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration duration) {
        long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}

package org.eprescription.api.pharmacy;

import org.eprescription.api.problem.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import java.time.Duration;

/**
 * A pharmacy that failed to accept too often in a short time is refused every accept for a while (429), so that
 * exchange codes cannot be guessed. Says nothing of the codes tried.
 */
public class TooManyAcceptAttemptsException extends ProblemException {

    private final Duration retryAfter;

    public TooManyAcceptAttemptsException(Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, "too-many-attempts", "Too many attempts",
                "too many failed accept attempts by this pharmacy; retry in " + seconds(retryAfter) + " seconds");
        this.retryAfter = retryAfter;
    }

    /** When to try again. */
    @Override
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds()));
        return headers;
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

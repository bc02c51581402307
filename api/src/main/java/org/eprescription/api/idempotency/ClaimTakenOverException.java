package org.eprescription.api.idempotency;

import org.eprescription.api.problem.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * A request ran so long that a retry with its Idempotency-Key took its claim over: its command is refused (and so not
 * recorded), and the retry's answer is the request's.
 */
class ClaimTakenOverException extends ProblemException {

    ClaimTakenOverException() {
        super(HttpStatus.CONFLICT, "request-in-progress", "Request in progress", "a retry with the same "
                + IdempotencyKeyHeader.NAME + " took this request over after it ran too long; that retry answers it");
    }
}

package org.eprescription.api.pharmacy;

import org.eprescription.api.problem.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * A typed code that a live prescription holds, whose prescription can be read neither from its view nor from its
 * events now: answered 503, neither counted as a failed attempt nor kept for the request's key, never 404.
 */
public class ExchangeCodeUnreadableException extends ProblemException {

    public ExchangeCodeUnreadableException(Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Store unavailable",
                "the exchange cannot read the prescription now; nothing was changed, retry later", cause);
    }
}

package org.eprescription.api.problem;

import org.springframework.http.HttpStatus;

/** A path names something the exchange does not know (or may not admit knowing); answered 404. */
public class UnknownResourceException extends ProblemException {

    public UnknownResourceException(String detail) {
        super(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
    }
}

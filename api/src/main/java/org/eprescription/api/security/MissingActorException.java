package org.eprescription.api.security;

import org.eprescription.api.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** The request does not say who acts; answered 401. */
public class MissingActorException extends ProblemException {

    public MissingActorException(String detail) {
        super(HttpStatus.UNAUTHORIZED, "no-credentials", "No credentials", detail);
    }
}

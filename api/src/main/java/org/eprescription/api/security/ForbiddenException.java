package org.eprescription.api.security;

import org.eprescription.api.problem.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * The caller may not do this, or may not know whether it exists: answered 403 with the same words whether the
 * resource is someone else's or absent, so the answer reveals nothing.
 */
public class ForbiddenException extends ProblemException {

    public ForbiddenException(String detail) {
        super(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    public static ForbiddenException notYours() {
        return new ForbiddenException("this resource does not exist or is not yours to see or change");
    }
}

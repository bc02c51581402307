package org.eprescription.api.security;

import org.eprescription.api.problem.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * The caller may not do this: its role may not, or the resource is someone else's. A resource that is someone else's
 * is answered with the same words whatever its state, so the answer reveals nothing of it; one that does not exist is
 * 404 instead (docs/http-api.md, "Unknown and foreign resources").
 */
public class ForbiddenException extends ProblemException {

    public ForbiddenException(String detail) {
        super(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    public static ForbiddenException notYours() {
        return new ForbiddenException("this resource is not yours to see or change");
    }
}

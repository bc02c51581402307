package org.eprescription.api.prescription;

import org.eprescription.api.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** A command was recorded but its view did not appear in time; answered 503 so the client reads it again. */
public class ViewNotReadyException extends ProblemException {

    public ViewNotReadyException(String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "view-not-ready", "View not ready", detail);
    }

    public ViewNotReadyException(String detail, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "view-not-ready", "View not ready", detail, cause);
    }
}

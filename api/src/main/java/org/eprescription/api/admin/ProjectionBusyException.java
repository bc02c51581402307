package org.eprescription.api.admin;

import org.eprescription.api.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** A replay or verification of the projection is already running; answered 409. */
public class ProjectionBusyException extends ProblemException {

    public ProjectionBusyException(String detail) {
        super(HttpStatus.CONFLICT, "projection-busy", "Projection busy", detail);
    }
}

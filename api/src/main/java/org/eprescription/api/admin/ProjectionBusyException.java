package org.eprescription.api.admin;

/** A replay or verification of the projection is already running; answered 409. */
public class ProjectionBusyException extends RuntimeException {

    public ProjectionBusyException(String detail) {
        super(detail);
    }
}

package org.eprescription.api.actor;

/** The request does not say who acts; answered 401. */
public class MissingActorException extends RuntimeException {

    public MissingActorException(String detail) {
        super(detail);
    }
}

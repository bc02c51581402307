package org.eprescription.api.prescription;

/** A command was recorded but its view did not appear in time; answered 503 so the client reads it again. */
public class ViewNotReadyException extends RuntimeException {

    public ViewNotReadyException(String detail) {
        super(detail);
    }

    public ViewNotReadyException(String detail, Throwable cause) {
        super(detail, cause);
    }
}

package org.eprescription.api.problem;

/** A path names something the exchange does not know (or may not admit knowing); answered 404. */
public class UnknownResourceException extends RuntimeException {

    public UnknownResourceException(String detail) {
        super(detail);
    }
}

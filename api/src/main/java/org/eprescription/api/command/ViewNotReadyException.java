package org.eprescription.api.command;

/**
 * A command was recorded but the view its answer shows did not reach it in time. Never an answer of its own: the
 * answer is then built from the recorded events (docs/http-api.md, "Retries").
 */
public class ViewNotReadyException extends RuntimeException {

    public ViewNotReadyException(String detail) {
        super(detail);
    }
}

package org.eprescription.api.problem;

import java.net.URI;

/**
 * The request's command was recorded, but nothing can be read to answer it with, not even its own events (the store
 * went away after the commit). {@link ProblemHandler} answers 202 with {@code Location} of the resource, never a
 * status a client reads as "not done" (docs/http-api.md, "Retries").
 */
public class CommandRecordedException extends RuntimeException {

    private final URI location;

    public CommandRecordedException(URI location, String detail, Throwable cause) {
        super(detail, cause);
        this.location = location;
    }

    /** The resource the command changed; null when not known. */
    public URI location() {
        return location;
    }
}

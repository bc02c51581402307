package org.eprescription.api.command;

import org.eprescription.api.problem.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import java.net.URI;

/**
 * A command was recorded but the view its answer shows did not reach it in time: answered 503 so that the client
 * reads the resource again instead of repeating the command. {@code Location}, where known, is the resource to read.
 */
public class ViewNotReadyException extends ProblemException {

    private final URI location;

    public ViewNotReadyException(String detail) {
        this(detail, null, null);
    }

    public ViewNotReadyException(String detail, Throwable cause) {
        this(detail, null, cause);
    }

    public ViewNotReadyException(String detail, URI location, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "view-not-ready", "View not ready", detail, cause);
        this.location = location;
    }

    @Override
    public HttpHeaders headers() {
        if (location == null) {
            return HttpHeaders.EMPTY;
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setLocation(location);
        return headers;
    }
}

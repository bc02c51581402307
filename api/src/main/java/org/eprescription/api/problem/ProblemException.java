package org.eprescription.api.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A refusal the api itself decides, carrying how it is answered: its status, its problem type (the slug after
 * {@code /problems/}) and title, and any header it needs (docs/http-api.md, "Status codes and problem documents").
 * Features throw their own subclasses; {@link ProblemHandler} answers every one of them without knowing it.
 */
public abstract class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;

    protected ProblemException(HttpStatus status, String type, String title, String detail) {
        this(status, type, title, detail, null);
    }

    protected ProblemException(HttpStatus status, String type, String title, String detail, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** Headers the answer carries besides the problem document; none unless a subclass says. */
    public HttpHeaders headers() {
        return HttpHeaders.EMPTY;
    }
}

package org.eprescription.api.problem;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Whether the request being answered has already recorded a command. From then on, a failure to build its answer
 * must not say "nothing was changed" (the client would repeat the command), and its answer, whatever it is, stands
 * for the request: a retry with the same idempotency key gets it again instead of running the command twice
 * (docs/http-api.md, "Retries").
 */
public final class RecordedCommands {

    private static final String ATTRIBUTE = RecordedCommands.class.getName();

    private RecordedCommands() {
    }

    /** Marks the current request, if there is one, as having recorded a command. */
    public static void markRecorded() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(ATTRIBUTE, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** Whether {@code request} recorded a command. */
    public static boolean recorded(HttpServletRequest request) {
        return request != null && Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE));
    }

    /** Whether the current request, if there is one, recorded a command. */
    static boolean recordedInThisRequest() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request != null && Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST));
    }
}

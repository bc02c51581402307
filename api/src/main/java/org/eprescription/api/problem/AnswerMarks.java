package org.eprescription.api.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.net.URI;

/**
 * What the request being answered has done, as the answer's keeping for its idempotency key depends on it
 * (docs/http-api.md, "Retries"):
 * <ul>
 *   <li><b>a command recorded</b>: from then on a failure to build the answer must not say "nothing was changed" (the
 *   client would repeat the command), and the answer, whatever it is, stands for the request, so that a retry with
 *   the same key gets it again instead of running the command twice;</li>
 *   <li><b>the resource it recorded the command on</b>, the first such, which every answer of a recorded command
 *   names in {@code Location};</li>
 *   <li><b>a retryable refusal</b>: a refusal that says "try again", not "no" (another command changed the
 *   prescription at the same moment), which is not kept, or a retry with the key would be refused for good.</li>
 * </ul>
 */
public final class AnswerMarks {

    /**
     * The header of an answer to a recorded command whose view was built from the prescription's own events, because
     * the projection had not reached it in time (docs/http-api.md, "Retries").
     */
    public static final String ANSWERED_FROM_EVENTS = "Answered-From-Events";

    private enum Mark { COMMAND_RECORDED, RETRYABLE }

    private static final String RESOURCE = AnswerMarks.class.getName() + ".RESOURCE";

    private AnswerMarks() {
    }

    /** Marks the current request, if there is one, as having recorded a command. */
    public static void markCommandRecorded() {
        mark(Mark.COMMAND_RECORDED);
    }

    /**
     * Marks the current request as having recorded a command on {@code resource} (a path; null when not known); the
     * first resource named stays.
     */
    public static void markCommandRecorded(String resource) {
        mark(Mark.COMMAND_RECORDED);
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && resource != null
                && request.getAttribute(RESOURCE, RequestAttributes.SCOPE_REQUEST) == null) {
            request.setAttribute(RESOURCE, resource, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** The resource the current request recorded its first command on, if known. */
    static URI recordedResource() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object resource = request == null ? null : request.getAttribute(RESOURCE, RequestAttributes.SCOPE_REQUEST);
        return resource == null ? null : URI.create(resource.toString());
    }

    /** Says on the current answer that its view was built from the recorded events ({@link #ANSWERED_FROM_EVENTS}). */
    public static void markAnsweredFromEvents() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet) {
            HttpServletResponse response = servlet.getResponse();
            if (response != null) {
                response.setHeader(ANSWERED_FROM_EVENTS, "true");
            }
        }
    }

    /** Whether {@code request} recorded a command. */
    public static boolean commandRecorded(HttpServletRequest request) {
        return marked(request, Mark.COMMAND_RECORDED);
    }

    /** Whether the current request, if there is one, recorded a command. */
    static boolean commandRecordedInThisRequest() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request != null && Boolean.TRUE.equals(request.getAttribute(name(Mark.COMMAND_RECORDED),
                RequestAttributes.SCOPE_REQUEST));
    }

    static void markRetryable() {
        mark(Mark.RETRYABLE);
    }

    /** Whether the answer to {@code request} invites the same request again. */
    public static boolean retryable(HttpServletRequest request) {
        return marked(request, Mark.RETRYABLE);
    }

    private static void mark(Mark mark) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(name(mark), Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
        }
    }

    private static boolean marked(HttpServletRequest request, Mark mark) {
        return request != null && Boolean.TRUE.equals(request.getAttribute(name(mark)));
    }

    private static String name(Mark mark) {
        return AnswerMarks.class.getName() + "." + mark.name();
    }
}

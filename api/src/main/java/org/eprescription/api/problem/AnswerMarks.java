package org.eprescription.api.problem;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What the request being answered has done, as the answer's keeping for its idempotency key depends on it
 * (docs/http-api.md, "Retries"):
 * <ul>
 *   <li><b>a command recorded</b>: from then on a failure to build the answer must not say "nothing was changed" (the
 *   client would repeat the command), and the answer, whatever it is, stands for the request, so that a retry with
 *   the same key gets it again instead of running the command twice;</li>
 *   <li><b>a retryable refusal</b>: a refusal that says "try again", not "no" (another command changed the
 *   prescription at the same moment), which is not kept, or a retry with the key would be refused for good.</li>
 * </ul>
 */
public final class AnswerMarks {

    private enum Mark { COMMAND_RECORDED, RETRYABLE }

    private AnswerMarks() {
    }

    /** Marks the current request, if there is one, as having recorded a command. */
    public static void markCommandRecorded() {
        mark(Mark.COMMAND_RECORDED);
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

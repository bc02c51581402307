package org.eprescription.api.problem;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Refusals that say "try again", not "no": the same request may succeed a moment later (another command changed the
 * prescription at the same moment). Such an answer is not kept for the request's idempotency key, or a retry with
 * the key would be refused for good (docs/http-api.md, "Retries").
 */
public final class RetryableAnswers {

    private static final String ATTRIBUTE = RetryableAnswers.class.getName();

    private RetryableAnswers() {
    }

    static void markRetryable() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(ATTRIBUTE, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** Whether the answer to {@code request} invites the same request again. */
    public static boolean retryable(HttpServletRequest request) {
        return request != null && Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE));
    }
}

package org.eprescription.api.problem;

import jakarta.servlet.ServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * An answer that failed after its status and part of its body were sent (an export's stream, a live stream) can no
 * longer become a problem document; it must not end as if it were complete either. A request marked here has its
 * connection closed without the end of a complete HTTP body ({@link ProblemReportValve}), so every client sees an
 * error (docs/http-api.md, "Status codes and problem documents").
 */
public final class CutOffAnswers {

    private static final String CUT_OFF = CutOffAnswers.class.getName() + ".cutOff";

    private CutOffAnswers() {
    }

    /** Marks the current request, if there is one, to be cut off. */
    static void cutOff() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(CUT_OFF, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
        }
    }

    static boolean isCutOff(ServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(CUT_OFF));
    }
}

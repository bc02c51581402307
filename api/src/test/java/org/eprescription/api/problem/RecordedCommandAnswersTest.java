package org.eprescription.api.problem;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Once a request has recorded its command, a failure to build its answer never says "nothing was changed" and is
 * never a bare 500: the client would repeat the command (docs/http-api.md, "Retries").
 */
class RecordedCommandAnswersTest {

    private final ProblemHandler handler = new ProblemHandler();
    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/prescriptions/accept");

    @AfterEach
    void leaveTheRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void aStoreFailureBeforeTheCommandSaysNothingWasChanged() {
        inTheRequest();

        ResponseEntity<ProblemDetail> answer = handler.handleAny(storeDown(), new MockHttpServletResponse());

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getBody().getType().toString()).endsWith("/store-unavailable");
        assertThat(answer.getBody().getDetail()).contains("nothing was changed");
    }

    @Test
    void aStoreFailureAfterTheCommandSaysItWasRecorded() {
        inTheRequest();
        AnswerMarks.markCommandRecorded();

        ResponseEntity<ProblemDetail> answer = handler.handleAny(storeDown(), new MockHttpServletResponse());

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getBody().getType().toString()).endsWith("/view-not-ready");
        assertThat(answer.getBody().getDetail()).contains("was recorded").doesNotContain("nothing was changed");
        assertThat(AnswerMarks.commandRecorded(request)).isTrue();
    }

    @Test
    void anUnexpectedFailureAfterTheCommandIsNotABare500() {
        inTheRequest();
        AnswerMarks.markCommandRecorded();

        ResponseEntity<ProblemDetail> answer = handler.handleAny(new IllegalStateException("no such query in the view"),
                new MockHttpServletResponse());

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getBody().getType().toString()).endsWith("/view-not-ready");
    }

    @Test
    void aRefusalAfterTheCommandStaysARefusal() {
        inTheRequest();
        AnswerMarks.markCommandRecorded();

        ResponseEntity<ProblemDetail> answer = handler.handleAny(new UnknownResourceException("no alert a-1"),
                new MockHttpServletResponse());

        assertThat(answer.getStatusCode().value()).isEqualTo(404);
    }

    private void inTheRequest() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }

    private static DataAccessResourceFailureException storeDown() {
        return new DataAccessResourceFailureException("connection refused");
    }
}

package org.eprescription.api.problem;

import org.axonframework.modelling.command.ConcurrencyException;
import org.eprescription.core.refusal.PrescriptionRefusedException;
import org.eprescription.core.refusal.Refusal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Once a request has recorded its command, a failure to build its answer never says "nothing was changed", nor is it
 * a 5xx or a 4xx other than the command's refusal: the client would repeat the command, or a key would keep "not
 * done" for good. It is 202 with Location of the resource (docs/http-api.md, "Retries").
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

        ResponseEntity<Object> answer = handler.handleAny(storeDown(), new MockHttpServletResponse());

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(((ProblemDetail) answer.getBody()).getType().toString()).endsWith("/store-unavailable");
        assertThat(((ProblemDetail) answer.getBody()).getDetail()).contains("nothing was changed");
    }

    @Test
    void aStoreFailureAfterTheCommandIsAcceptedNamingTheResource() {
        inTheRequest();
        AnswerMarks.markCommandRecorded("/api/v1/prescriptions/p-1");

        ResponseEntity<Object> answer = handler.handleAny(storeDown(), new MockHttpServletResponse());

        assertRecorded(answer, "/api/v1/prescriptions/p-1");
        assertThat(AnswerMarks.commandRecorded(request)).isTrue();
    }

    @Test
    void anUnexpectedFailureAfterTheCommandIsNotABare500() {
        inTheRequest();
        AnswerMarks.markCommandRecorded("/api/v1/prescriptions/p-1");

        ResponseEntity<Object> answer = handler.handleAny(new IllegalStateException("no such query in the view"),
                new MockHttpServletResponse());

        assertRecorded(answer, "/api/v1/prescriptions/p-1");
    }

    @Test
    void aClientErrorAfterTheCommandIsNotAnswered() {
        inTheRequest();
        AnswerMarks.markCommandRecorded("/api/v1/dispensing-records/r-1");

        for (Exception failure : List.of(new UnknownResourceException("no alert a-1"),
                new IllegalArgumentException("not a valid drug code"), new ConcurrencyException("moved on"))) {
            ResponseEntity<Object> answer = handler.handleAny(failure, new MockHttpServletResponse());

            assertRecorded(answer, "/api/v1/dispensing-records/r-1");
        }
    }

    @Test
    void aRecordedCommandWhoseResourceCannotBeReadIsAcceptedWithItsLocation() {
        inTheRequest();
        AnswerMarks.markCommandRecorded();

        ResponseEntity<Object> answer = handler.handleAny(new CommandRecordedException(
                URI.create("/api/v1/prescriptions/p-2"), "cannot read", storeDown()), new MockHttpServletResponse());

        assertRecorded(answer, "/api/v1/prescriptions/p-2");
    }

    @Test
    void aRefusalAfterTheCommandStaysARefusal() {
        inTheRequest();
        AnswerMarks.markCommandRecorded("/api/v1/prescriptions/p-1");

        ResponseEntity<Object> answer = handler.handleAny(new PrescriptionRefusedException(Refusal.NOT_HELD,
                "not held"), new MockHttpServletResponse());

        assertThat(answer.getStatusCode().value()).isEqualTo(409);
    }

    private static void assertRecorded(ResponseEntity<Object> answer, String location) {
        assertThat(answer.getStatusCode().value()).isEqualTo(202);
        assertThat(answer.getHeaders().getLocation()).hasToString(location);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(answer.getBody()).isInstanceOfSatisfying(Map.class, body -> {
            assertThat(body.get("recorded")).isEqualTo(true);
            assertThat(body.get("location")).isEqualTo(location);
        });
    }

    private void inTheRequest() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }

    private static DataAccessResourceFailureException storeDown() {
        return new DataAccessResourceFailureException("connection refused");
    }
}

package org.eprescription.api.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.modelling.command.ConcurrencyException;
import org.eprescription.api.problem.AnswerMarks;
import org.eprescription.api.problem.ProblemHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class IdempotencyFilterTest {

    private static final RequestKey KEY = new RequestKey("k-1", "POST", "/api/v1/prescriptions/x/dispense");
    private static final byte[] BODY = "{\"quantity\":10}".getBytes(StandardCharsets.UTF_8);

    private final IdempotentRequests requests = mock(IdempotentRequests.class);
    private IdempotencyFilter filter = waitingForTheFirstAtMost(Duration.ofSeconds(30));
    private final AtomicInteger runs = new AtomicInteger();

    /** A server error, so that a retry runs for real; too many attempts, so that a retry after the lock-out runs. */
    @ParameterizedTest(name = "{0} {1} is not kept")
    @CsvSource({"503, store-unavailable", "429, too-many-attempts"})
    void anAnswerARetryMustNotGetIsNotKept(int status, String problem) throws Exception {
        when(requests.claim(eq(KEY), any(), any())).thenReturn(true);

        MockHttpServletResponse response = send(answering(status, "{\"type\":\"/problems/" + problem + "\"}"));

        assertThat(response.getStatus()).isEqualTo(status);
        verify(requests).release(eq(KEY), any());
        verify(requests, never()).complete(any(), any(), any());
    }

    @Test
    void aRefusalIsKeptAsTheAnswer() throws Exception {
        when(requests.claim(eq(KEY), any(), any())).thenReturn(true);

        send(answering(422, "{\"type\":\"/problems/quantity-exceeds-remaining\"}"));

        verify(requests).complete(eq(KEY), any(), any(StoredAnswer.class));
        verify(requests, never()).release(any(), any());
    }

    @Test
    void anyAnswerOfARequestThatRecordedItsCommandIsKept() throws Exception {
        when(requests.claim(eq(KEY), any(), any())).thenReturn(true);
        FilterChain recordsThenCannotAnswer = (request, response) -> {
            RequestContextHolder.setRequestAttributes(new ServletRequestAttributes((HttpServletRequest) request));
            try {
                AnswerMarks.markCommandRecorded();
            } finally {
                RequestContextHolder.resetRequestAttributes();
            }
            answering(503, "{\"type\":\"/problems/store-unavailable\"}").doFilter(request, response);
        };

        send(recordsThenCannotAnswer);

        verify(requests).complete(eq(KEY), any(), any(StoredAnswer.class));
        verify(requests, never()).release(any(), any());
    }

    @Test
    void aConcurrentChangeIsNotKeptSoThatARetryRunsAgain() throws Exception {
        when(requests.claim(eq(KEY), any(), any())).thenReturn(true);
        FilterChain meetsAnotherCommand = (request, response) -> {
            RequestContextHolder.setRequestAttributes(new ServletRequestAttributes((HttpServletRequest) request));
            try {
                int status = new ProblemHandler().handleAny(new ConcurrencyException("version 3 taken"),
                        new MockHttpServletResponse()).getStatusCode().value();
                answering(status, "{\"type\":\"/problems/concurrent-change\"}").doFilter(request, response);
            } finally {
                RequestContextHolder.resetRequestAttributes();
            }
        };

        MockHttpServletResponse response = send(meetsAnotherCommand);

        assertThat(response.getStatus()).isEqualTo(409);
        verify(requests).release(eq(KEY), any());
        verify(requests, never()).complete(any(), any(), any());
    }

    @Test
    void aRetryWhileTheFirstRunsWaitsForItsAnswerAndDoesNotRun() throws Exception {
        byte[] hash = IdempotencyFilter.requestHash(request(), BODY);
        StoredAnswer first = new StoredAnswer(200, "application/json", "{\"version\":3}".getBytes(), null);
        when(requests.find(KEY)).thenReturn(
                Optional.of(new IdempotentRequests.Recorded(hash, Optional.empty())),
                Optional.of(new IdempotentRequests.Recorded(hash, Optional.of(first))));

        MockHttpServletResponse response = send(answering(200, "{\"version\":4}"));

        assertThat(runs).hasValue(0);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).isEqualTo("{\"version\":3}");
        assertThat(response.getHeader(IdempotencyFilter.REPLAYED_HEADER)).isEqualTo("true");
    }

    @Test
    void aRetryGivesUpWaitingWithRequestInProgress() throws Exception {
        byte[] hash = IdempotencyFilter.requestHash(request(), BODY);
        when(requests.find(KEY)).thenReturn(Optional.of(new IdempotentRequests.Recorded(hash, Optional.empty())));
        filter = waitingForTheFirstAtMost(Duration.ofMillis(300));

        MockHttpServletResponse response = send(answering(200, "{}"));

        assertThat(runs).hasValue(0);
        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getContentAsString()).contains("/problems/request-in-progress");
    }

    @Test
    void anOverlongKeyIsMalformed() throws Exception {
        MockHttpServletRequest request = request();
        request.removeHeader(IdempotencyFilter.HEADER);
        request.addHeader(IdempotencyFilter.HEADER, "k".repeat(IdempotencyFilter.MAX_KEY_LENGTH + 1));
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, answering(200, "{}"));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(runs).hasValue(0);
    }

    private IdempotencyFilter waitingForTheFirstAtMost(Duration wait) {
        return new IdempotencyFilter(requests,
                new IdempotencyProperties(wait, Duration.ofMinutes(1), Duration.ofDays(1), Duration.ofHours(1)),
                new ObjectMapper());
    }

    private MockHttpServletResponse send(FilterChain chain) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request(), response, chain);
        return response;
    }

    private static MockHttpServletRequest request() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", KEY.path());
        request.addHeader(IdempotencyFilter.HEADER, KEY.key());
        request.setContentType("application/json");
        request.setContent(BODY);
        return request;
    }

    private FilterChain answering(int status, String body) {
        return (request, response) -> {
            runs.incrementAndGet();
            assertThat(request.getInputStream().readAllBytes()).as("the body reaches the controller").isEqualTo(BODY);
            ((jakarta.servlet.http.HttpServletResponse) response).setStatus(status);
            response.setContentType("application/json");
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        };
    }
}

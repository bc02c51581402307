package org.eprescription.api.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.command.CommandSideWrites;
import org.eprescription.api.command.RecordedResources;
import org.eprescription.api.input.BufferedBodyRequest;
import org.eprescription.api.problem.AnswerMarks;
import org.eprescription.api.problem.ProblemHandler;
import org.eprescription.api.security.ExchangeUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * docs/http-api.md, "Retries": a POST with an Idempotency-Key runs once; a retry with the same key gets the first
 * answer (status, body, Location) and changes nothing, also on another node and after a restart, because the answer
 * is kept in PostgreSQL. A retry while the first request still runs waits for its answer. The same key with another
 * body is refused (422 idempotency-key-reused): the client has a bug, and guessing which body it meant would be
 * worse.
 */
@RequiredArgsConstructor
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = IdempotencyKeyHeader.NAME;
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 200;
    /** As long as the stored key's path may be. */
    static final int MAX_PATH_LENGTH = 1000;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotentRequests requests;
    private final IdempotencyProperties properties;
    private final ObjectMapper json;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String key = request.getHeader(HEADER);
        return !"POST".equals(request.getMethod()) || key == null || key.isBlank();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.length() > MAX_KEY_LENGTH) {
            writeProblem(response, ProblemHandler.problem(HttpStatus.BAD_REQUEST, "malformed-request",
                    "Malformed request", HEADER + " is longer than " + MAX_KEY_LENGTH + " characters"));
            return;
        }
        if (request.getRequestURI().length() > MAX_PATH_LENGTH) {
            // no path the exchange serves is this long; the stored key could not hold it
            writeProblem(response, ProblemHandler.problem(HttpStatus.BAD_REQUEST, "malformed-request",
                    "Malformed request", "the path is longer than " + MAX_PATH_LENGTH + " characters"));
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        // the caller (as every claim that decides what it may do), the query and the body's media type are part of
        // what the key stands for: another caller sending the same key and body gets 422, never the first caller's
        // answer (which may hold an exchange code), and a request corrected in any of these is not the same request
        byte[] hash = requestHash(request, body);
        RequestKey requestKey = new RequestKey(key, request.getMethod(), request.getRequestURI());
        try {
            handle(requestKey, hash, new BufferedBodyRequest(request, body), response, chain);
        } catch (DataAccessException storeDown) {
            if (response.isCommitted()) {
                throw storeDown;
            }
            log.warn("idempotency store unavailable: {}", storeDown.toString());
            writeProblem(response, ProblemHandler.problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable",
                    "Store unavailable", "the exchange's store cannot be reached; nothing was changed, retry later"));
        }
    }

    private void handle(RequestKey key, byte[] hash, HttpServletRequest request, HttpServletResponse response,
                        FilterChain chain) throws ServletException, IOException {
        long deadline = System.nanoTime() + properties.waitForFirst().toNanos();
        while (true) {
            UUID claim = UUID.randomUUID();
            if (requests.claim(key, hash, claim)
                    || requests.takeOverAbandoned(key, hash, properties.abandonedAfter(), claim)) {
                runFirst(key, claim, request, response, chain);
                return;
            }
            Optional<IdempotentRequests.Recorded> recorded = requests.find(key);
            if (recorded.isPresent() && !Arrays.equals(recorded.get().requestHash(), hash)) {
                writeProblem(response, ProblemHandler.problem(HttpStatus.UNPROCESSABLE_ENTITY,
                        "idempotency-key-reused", "Idempotency key reused",
                        "this " + HEADER + " was used for another request (another body or another caller)"));
                return;
            }
            Optional<StoredAnswer> answer = recorded.flatMap(IdempotentRequests.Recorded::answer);
            if (answer.isPresent()) {
                replay(answer.get(), response);
                return;
            }
            if (requests.answerAbandonedRecorded(key, hash, properties.abandonedAfter(), recordedButNeverAnswered())) {
                continue; // its node stopped after recording the command: the answer just kept says so
            }
            // the first request is still running (or just gave its key up after a server error: claim it then)
            if (System.nanoTime() > deadline) {
                writeProblem(response, ProblemHandler.problem(HttpStatus.CONFLICT, "request-in-progress",
                        "Request in progress", "a request with this " + HEADER + " is still running; retry later"));
                return;
            }
            pause();
        }
    }

    private void runFirst(RequestKey key, UUID claim, HttpServletRequest request, HttpServletResponse response,
                          FilterChain chain) throws ServletException, IOException {
        // in the command's transaction: a retry after this node stops never runs a recorded command again, and a
        // request whose claim a retry took over records nothing
        CommandSideWrites.addToRequest(request, command -> {
            if (!requests.markCommandRecorded(key, claim, RecordedResources.pathOf(command).orElse(null))
                    && command.inItsTransaction()) {
                throw new ClaimTakenOverException();
            }
        });
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(request, captured);
            int status = captured.getStatus();
            if (AnswerMarks.commandRecorded(request)
                    || (StoredAnswer.worthKeeping(status) && !AnswerMarks.retryable(request))) {
                kept = keep(key, claim, new StoredAnswer(status, captured.getContentType(), captured.getContentAsByteArray(),
                        captured.getHeader(HttpHeaders.LOCATION),
                        captured.getHeader(AnswerMarks.ANSWERED_FROM_EVENTS) != null));
            }
        } finally {
            if (!kept) {
                releaseQuietly(key, claim);
            }
            captured.copyBodyToResponse();
        }
    }

    /** The command has happened: its answer goes to the client even if it cannot be kept for retries. */
    private boolean keep(RequestKey key, UUID claim, StoredAnswer answer) {
        try {
            requests.complete(key, claim, answer);
            return true;
        } catch (DataAccessException e) {
            log.warn("could not keep the answer for {} {}: {}", key.method(), key.path(), e.toString());
            return true; // the claim stays; a retry after abandoned-after runs again
        }
    }

    private void releaseQuietly(RequestKey key, UUID claim) {
        try {
            requests.release(key, claim);
        } catch (DataAccessException e) {
            log.warn("could not release the claim for {} {}: {}", key.method(), key.path(), e.toString());
        }
    }

    /**
     * The answer to a request whose command was recorded by a node that stopped before it answered: 202 with the
     * resource the command changed as its Location (kept with it), never "not done" (docs/http-api.md, "Retries").
     */
    private StoredAnswer recordedButNeverAnswered() throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recorded", true);
        body.put("detail", "the command of the first request with this " + HEADER + " was recorded, but the "
                + "exchange stopped before it answered; read the resource (Location, where known) instead of "
                + "repeating the command");
        return new StoredAnswer(HttpStatus.ACCEPTED.value(), MediaType.APPLICATION_JSON_VALUE,
                json.writeValueAsBytes(body), null);
    }

    private static void replay(StoredAnswer answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, answer.location());
        }
        if (answer.answeredFromEvents()) {
            response.setHeader(AnswerMarks.ANSWERED_FROM_EVENTS, "true");
        }
        response.setHeader(REPLAYED_HEADER, "true");
        byte[] body = answer.body() == null ? new byte[0] : answer.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private void writeProblem(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the first request with this key", e);
        }
    }

    /**
     * The authenticated caller (Spring Security's filters run before this one), or none: its subject and the roles and
     * parties its token binds it to, since one subject may act for several (an EHR vendor's client credentials).
     */
    private static String callerOf(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return "";
        }
        if (authentication.getPrincipal() instanceof Jwt token) {
            ExchangeUser user = ExchangeUser.of(token);
            return user.subject() + "|" + new TreeSet<>(user.roles()) + "|" + user.institutionId() + "|"
                    + user.pharmacyId() + "|" + user.patientId();
        }
        return authentication.getName();
    }

    /** What a retry must repeat exactly: who sends it, its query, its body's media type and its body. */
    static byte[] requestHash(HttpServletRequest request, byte[] body) {
        return requestHash(callerOf(request) + "\n" + request.getQueryString() + "\n" + request.getContentType(),
                body);
    }

    private static byte[] requestHash(String caller, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(caller.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return digest.digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

package org.eprescription.api.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.net.URI;

/**
 * Every error of a {@code /fhir} request as an OperationOutcome, also those answered before a FHIR controller is
 * reached: a path nothing serves (404), a method it does not take (405), a body above the limit (413), an idempotency
 * key reused or still running; and the platform's plain JSON 202 of a command recorded but not answered, as an
 * informational OperationOutcome whose Location names the Task. They are problem documents ({@code application/problem+json}) of the platform's
 * filters and handler; this re-encodes the finished answer, keeping its status and headers (docs/fhir.md, "Errors").
 */
class FhirProblemFilter extends OncePerRequestFilter {

    private final FhirProblemEncoding encoding;
    private final ObjectMapper json;

    FhirProblemFilter(FhirProblemEncoding encoding, ObjectMapper json) {
        this.encoding = encoding;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !encoding.encodes(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, answer);
        } finally {
            if (isProblem(answer.getContentType()) && !response.isCommitted()) {
                ProblemDetail problem = problem(answer.getStatus(), answer.getContentAsByteArray());
                answer.resetBuffer();
                encoding.write(request, response, problem);
            } else if (recordedButNotAnswered(answer) && !response.isCommitted()) {
                String location = RecordedTaskAnswers.taskLocation(answer.getHeader(HttpHeaders.LOCATION));
                answer.resetBuffer();
                if (location != null) {
                    response.setHeader(HttpHeaders.LOCATION, location);
                }
                encoding.write(request, response, RecordedTaskAnswers.recorded());
            } else {
                answer.copyBodyToResponse();
            }
        }
    }

    /**
     * The platform's plain JSON 202 for a command recorded but not answered (a retry whose first request's node
     * stopped after recording, docs/http-api.md, "Retries"): FHIR callers get an OperationOutcome naming the Task.
     */
    private boolean recordedButNotAnswered(ContentCachingResponseWrapper answer) {
        if (answer.getStatus() != HttpStatus.ACCEPTED.value() || answer.getContentType() == null) {
            return false;
        }
        try {
            if (!MediaType.APPLICATION_JSON.equalsTypeAndSubtype(MediaType.parseMediaType(answer.getContentType()))) {
                return false;
            }
            return json.readTree(answer.getContentAsByteArray()).path("recorded").asBoolean(false);
        } catch (IOException | IllegalArgumentException unreadable) {
            return false;
        }
    }

    private static boolean isProblem(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    /** The problem the body says; its status, type, title and detail, whatever of them it has. */
    private ProblemDetail problem(int status, byte[] body) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatusCode.valueOf(status));
        try {
            JsonNode read = json.readTree(body);
            if (read.hasNonNull("type")) {
                problem.setType(URI.create(read.path("type").asText()));
            }
            if (read.hasNonNull("title")) {
                problem.setTitle(read.path("title").asText());
            }
            if (read.hasNonNull("detail")) {
                problem.setDetail(read.path("detail").asText());
            }
        } catch (IOException | IllegalArgumentException unreadable) {
            HttpStatus known = HttpStatus.resolve(status);
            problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        }
        return problem;
    }
}

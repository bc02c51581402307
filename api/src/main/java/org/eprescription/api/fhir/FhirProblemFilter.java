package org.eprescription.api.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
 * key reused or still running. They are problem documents ({@code application/problem+json}) of the platform's
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
            } else {
                answer.copyBodyToResponse();
            }
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

package org.eprescription.api.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.problem.ProblemHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * A request whose {@code Accept} header admits none of the types the API answers it in is refused (406) before it is
 * handled: otherwise a command would be carried out and only its answer refused, leaving the client to believe
 * nothing happened. A command ({@code POST}, and any method but {@code GET} and {@code HEAD}) is answered in
 * {@code application/json}, so its {@code Accept} must admit that; a read may ask for any type some read answers in
 * (a stream, an export, the QR code). The problem document is sent anyway; it is all there is to say.
 */
@RequiredArgsConstructor
class AcceptHeaderFilter extends OncePerRequestFilter {

    private static final List<MediaType> READS_ANSWER = List.of(MediaType.APPLICATION_JSON,
            MediaType.APPLICATION_PROBLEM_JSON, MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_NDJSON,
            MediaType.valueOf("image/svg+xml"));
    private static final List<MediaType> COMMANDS_ANSWER = List.of(MediaType.APPLICATION_JSON);

    private final ObjectMapper json;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException malformed) {
            refuse(response, HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                    "the Accept header is not a list of media types");
            return;
        }
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        List<MediaType> answered = read ? READS_ANSWER : COMMANDS_ANSWER;
        boolean answerable = accepted.stream().anyMatch(wanted -> answered.stream().anyMatch(wanted::isCompatibleWith));
        if (!answerable) {
            refuse(response, HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable", read
                    ? "the API answers in application/json, application/problem+json, text/event-stream, "
                            + "application/x-ndjson or (a QR code) image/svg+xml"
                    : "a " + request.getMethod() + " is answered in application/json; nothing was done");
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletResponse response, HttpStatus status, String slug, String title, String detail)
            throws IOException {
        ProblemDetail problem = ProblemHandler.problem(status, slug, title, detail);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}

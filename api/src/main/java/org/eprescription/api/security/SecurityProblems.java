package org.eprescription.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eprescription.api.problem.ProblemEncoding;
import org.eprescription.api.problem.ProblemHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.util.List;

/**
 * 401 and 403 from the security filters as problem documents like every other error (in an interface's own
 * {@link ProblemEncoding} where it has one). The detail never echoes the
 * token or why exactly it was refused (expired, bad signature): that is for the server's debug log, not the caller.
 */
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper json;
    private final List<ProblemEncoding> encodings;

    SecurityProblems(ObjectMapper json, List<ProblemEncoding> encodings) {
        this.json = json;
        this.encodings = List.copyOf(encodings);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException exception) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        write(request, response, ProblemHandler.problem(HttpStatus.UNAUTHORIZED, "no-credentials", "No credentials",
                "send a valid bearer token (Authorization: Bearer ...)"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException exception) throws IOException {
        write(request, response, ProblemHandler.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "the token's roles do not allow this request"));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        for (ProblemEncoding encoding : encodings) {
            if (encoding.encodes(request)) {
                encoding.write(request, response, problem);
                return;
            }
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}

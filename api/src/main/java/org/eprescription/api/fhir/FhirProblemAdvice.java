package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.problem.ProblemHandler;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Every failure of a FHIR request as an OperationOutcome. Which status and which problem a failure is stays the
 * JSON API's decision ({@link ProblemHandler}); this only says it in FHIR: the problem type as a code of the
 * exchange's own code system, its detail as diagnostics.
 */
@RestControllerAdvice(basePackageClasses = FhirProblemAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
@RequiredArgsConstructor
class FhirProblemAdvice {

    private final ProblemHandler problems;
    private final FhirResources resources;
    private final OperationOutcomes outcomes;

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> answer(Exception exception, HttpServletRequest request, HttpServletResponse response)
            throws Exception {
        ResponseEntity<?> problem = exception instanceof ErrorResponse
                ? problems.handleException(exception, new ServletWebRequest(request, response))
                : problems.handleAny(exception, response);
        if (problem == null || problem.getBody() == null) {
            return null;
        }
        // a recorded command that could not be answered (202, docs/http-api.md, "Retries") says so as information
        // with the Task as its Location (docs/fhir.md, "Errors")
        ProblemDetail detail = problem.getBody() instanceof ProblemDetail given ? given
                : RecordedTaskAnswers.recorded();
        ResponseEntity<byte[]> answer = resources.answer(problem.getStatusCode(),
                outcomes.of(problem.getStatusCode(), detail), FhirNegotiation.decidedOrJson(request));
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(problem.getHeaders());
        if (headers.getLocation() != null) {
            headers.set(HttpHeaders.LOCATION, RecordedTaskAnswers.taskLocation(headers.getLocation().toString()));
        }
        return ResponseEntity.status(answer.getStatusCode())
                .headers(answer.getHeaders()).headers(headers).body(answer.getBody());
    }
}

package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eprescription.api.problem.ProblemHandler;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;

import java.net.URI;
import java.util.Locale;

/**
 * Every failure of a FHIR request as an OperationOutcome. Which status and which problem a failure is stays the
 * JSON API's decision ({@link ProblemHandler}); this only says it in FHIR: the problem type as a code of the
 * exchange's own code system, its detail as diagnostics.
 */
@RestControllerAdvice(basePackageClasses = FhirProblemAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class FhirProblemAdvice {

    private static final String PROBLEM_PREFIX = "/problems/";

    private final ProblemHandler problems;
    private final FhirResources resources;
    private final FhirSystems systems;

    FhirProblemAdvice(ProblemHandler problems, FhirResources resources, FhirSystems systems) {
        this.problems = problems;
        this.resources = resources;
        this.systems = systems;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> answer(Exception exception, HttpServletRequest request, HttpServletResponse response)
            throws Exception {
        ResponseEntity<?> problem = exception instanceof ErrorResponse
                ? problems.handleException(exception, new ServletWebRequest(request, response))
                : problems.handleAny(exception, response);
        if (problem == null || !(problem.getBody() instanceof ProblemDetail detail)) {
            return null;
        }
        ResponseEntity<byte[]> answer = resources.answer(problem.getStatusCode(),
                outcome(problem.getStatusCode(), detail), FhirNegotiation.decidedOrJson(request));
        return ResponseEntity.status(answer.getStatusCode())
                .headers(answer.getHeaders()).headers(problem.getHeaders()).body(answer.getBody());
    }

    private OperationOutcome outcome(HttpStatusCode status, ProblemDetail problem) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(status.is5xxServerError() ? OperationOutcome.IssueSeverity.FATAL
                        : OperationOutcome.IssueSeverity.ERROR)
                .setCode(issueType(status, problem))
                .setDetails(new CodeableConcept().addCoding(new Coding(systems.problemCodes(),
                        code(problem), problem.getTitle())).setText(problem.getTitle()))
                .setDiagnostics(problem.getDetail());
        return outcome;
    }

    private static String code(ProblemDetail problem) {
        URI type = problem.getType();
        String path = type == null ? "" : type.getPath();
        return path != null && path.startsWith(PROBLEM_PREFIX) ? path.substring(PROBLEM_PREFIX.length())
                : HttpStatus.valueOf(problem.getStatus()).name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static IssueType issueType(HttpStatusCode status, ProblemDetail problem) {
        return switch (status.value()) {
            case 400 -> "validation".equals(code(problem)) ? IssueType.INVALID : IssueType.STRUCTURE;
            case 401 -> IssueType.LOGIN;
            case 403 -> IssueType.FORBIDDEN;
            case 404 -> IssueType.NOTFOUND;
            case 406, 415 -> IssueType.NOTSUPPORTED;
            case 409, 412 -> IssueType.CONFLICT;
            case 422 -> "unsupported-code-system".equals(code(problem)) ? IssueType.CODEINVALID
                    : IssueType.BUSINESSRULE;
            case 429 -> IssueType.THROTTLED;
            case 503 -> IssueType.TRANSIENT;
            default -> IssueType.EXCEPTION;
        };
    }
}

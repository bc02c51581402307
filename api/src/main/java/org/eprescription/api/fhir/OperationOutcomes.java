package org.eprescription.api.fhir;

import lombok.RequiredArgsConstructor;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.Locale;

/**
 * A problem of the JSON API said in FHIR: one issue whose code follows the status, whose details carry the problem
 * type as a code of the exchange's own code system, and whose diagnostics are the problem's detail.
 */
@Component
@RequiredArgsConstructor
class OperationOutcomes {

    private static final String PROBLEM_PREFIX = "/problems/";

    private final FhirSystems systems;

    OperationOutcome of(HttpStatusCode status, ProblemDetail problem) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(status.is5xxServerError() ? OperationOutcome.IssueSeverity.FATAL
                        : status.is2xxSuccessful() ? OperationOutcome.IssueSeverity.INFORMATION
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
            case 202 -> IssueType.INFORMATIONAL;
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

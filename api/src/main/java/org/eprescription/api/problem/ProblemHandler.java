package org.eprescription.api.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.eprescription.core.code.ExchangeCodeTakenException;
import org.eprescription.core.refusal.PrescriptionRefusedException;
import org.eprescription.core.refusal.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns every failure into an RFC 9457 problem document with the status docs/http-api.md lists ("Status codes and
 * problem documents"). Details name what was wrong with the request, never a stack trace, SQL or a secret.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final Map<Refusal.Kind, HttpStatus> STATUS_OF = Map.of(
            Refusal.Kind.RULE_VIOLATION, HttpStatus.UNPROCESSABLE_ENTITY,
            Refusal.Kind.CONFLICT, HttpStatus.CONFLICT,
            Refusal.Kind.NOT_FOUND, HttpStatus.NOT_FOUND,
            Refusal.Kind.FORBIDDEN, HttpStatus.FORBIDDEN);

    /** Also how other encodings (the FHIR interface) learn which status and problem a failure is. */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> handleAny(Exception exception, HttpServletResponse response) {
        if (response.isCommitted()) {
            // the status and part of the body are sent (an export, a live stream): it cannot become a problem, and
            // must not end as if it were complete either, so the connection is cut off (docs/http-api.md, "Status
            // codes and problem documents")
            log.debug("failure after the response was committed, cutting it off: {}", exception.toString());
            CutOffAnswers.cutOff();
            return null;
        }
        // what a handler that failed had prepared for its own answer (an export's NDJSON) is not the problem's
        response.setContentType(null);
        boolean recorded = AnswerMarks.commandRecordedInThisRequest();
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof CommandRecordedException unanswerable) {
                return recordedButUnanswered(exception, unanswerable.location());
            }
            ProblemDetail problem = known(cause);
            if (problem != null) {
                if (recorded && !(cause instanceof PrescriptionRefusedException)) {
                    return recordedButUnanswered(exception, null);
                }
                HttpHeaders headers = cause instanceof ProblemException own ? own.headers() : HttpHeaders.EMPTY;
                return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        if (recorded) {
            return recordedButUnanswered(exception, null);
        }
        log.error("Unexpected failure", exception);
        return ResponseEntity.internalServerError()
                .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                        "The exchange could not complete the request."));
    }

    /**
     * The request's command was recorded and only its answer failed, and nothing could be read to answer it with: a
     * problem ("nothing was changed", a 5xx or a 4xx) would make the client repeat it, so the answer is 202 with
     * {@code Location} of the resource the command changed, saying that it was recorded (docs/http-api.md, "Retries").
     */
    private static ResponseEntity<Object> recordedButUnanswered(Exception exception, URI location) {
        log.warn("a command was recorded but its answer failed", exception);
        URI resource = location != null ? location : AnswerMarks.recordedResource();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recorded", true);
        if (resource != null) {
            body.put("location", resource.toString());
        }
        body.put("detail", "the command was recorded, but its answer could not be read now; read the resource "
                + "(Location) later instead of repeating the command");
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.ACCEPTED)
                .contentType(MediaType.APPLICATION_JSON);
        if (resource != null) {
            answer.location(resource);
        }
        return answer.body(body);
    }

    private ProblemDetail known(Throwable cause) {
        if (cause instanceof PrescriptionRefusedException refused) {
            Refusal refusal = refused.refusal();
            ProblemDetail problem = problem(statusOf(refusal), typeOf(refusal), title(refusal.name()),
                    refused.getMessage());
            problem.setProperty("refusal", refusal.name());
            return problem;
        }
        if (cause instanceof ProblemException known) {
            return problem(known.status(), known.type(), known.title(), known.getMessage());
        }
        if (cause instanceof AggregateNotFoundException notFound) {
            return problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                    "no prescription " + notFound.getAggregateIdentifier());
        }
        if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
            AnswerMarks.markRetryable();
            return problem(HttpStatus.CONFLICT, "concurrent-change", "Concurrent change",
                    "the prescription changed concurrently; read it again and retry");
        }
        if (cause instanceof ExchangeCodeTakenException) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "code-contended", "Exchange code contended",
                    "other prescriptions took this one's exchange code at the same moment; nothing was recorded, "
                            + "retry");
        }
        if (cause instanceof IllegalArgumentException illegal) {
            return problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", illegal.getMessage());
        }
        if (cause instanceof TransactionSystemException) {
            // a commit or rollback that failed at the connection: whether an earlier commit of this request
            // (its command, before the answer's read) took effect is unknown, so the client must look first
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Store unavailable",
                    "the exchange's store went away while the request was being completed; read the resource "
                            + "again before retrying");
        }
        if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
                || cause instanceof TransientDataAccessException || cause instanceof SQLTransientConnectionException
                || StoreConnectionFailure.is(cause)) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Store unavailable",
                    "the exchange's store cannot be reached; nothing was changed, retry later");
        }
        return null;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                errors.stream().map(e -> e.get("field") + " " + e.get("message")).collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                "the request's parameters are not valid"));
    }

    /** A path variable that decodes to nothing usable, e.g. {@code /prescriptions/%20}: the client's mistake. */
    @Override
    protected ResponseEntity<Object> handleMissingPathVariable(org.springframework.web.bind.MissingPathVariableException ex,
                                                               HttpHeaders headers, HttpStatusCode status,
                                                               WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                "'" + ex.getVariableName() + "' in the path is empty or not valid");
        problem.setProperty("errors", List.of(Map.of("field", ex.getVariableName(), "message", "not a valid value")));
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        String detail = "the body is not valid JSON of the expected shape";
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", detail);
        Optional<String> duplicate = JsonPaths.duplicateKey(ex.getCause());
        if (ex.getCause() instanceof UnrecognizedPropertyException unknown) {
            String field = JsonPaths.of(unknown.getPath());
            problem.setDetail("field '" + field + "' is not part of this request");
            problem.setProperty("errors", List.of(Map.of("field", field, "message", "unknown field")));
        } else if (duplicate.isPresent()) {
            problem.setDetail("field '" + duplicate.get() + "' is given more than once");
            problem.setProperty("errors", List.of(Map.of("field", duplicate.get(), "message", "duplicate field")));
        } else if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = JsonPaths.of(mapping.getPath());
            problem.setDetail("field '" + field + "' has a value of the wrong type or shape");
            problem.setProperty("errors", List.of(Map.of("field", field, "message", "wrong type or shape")));
        }
        return ResponseEntity.badRequest().body(problem);
    }


    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> handleTypeMismatch(MethodArgumentTypeMismatchException ex) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                "'" + ex.getName() + "' is not a valid value");
        problem.setProperty("errors", List.of(Map.of("field", ex.getName(), "message", "not a valid value")));
        return ResponseEntity.badRequest().body(problem);
    }

    /**
     * The problems Spring answers by itself (a missing parameter, a method or media type the path does not take) get a
     * type of the exchange's like every other (docs/http-api.md, "Status codes and problem documents"), not {@code about:blank}.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail detail
                && (detail.getType() == null || "about:blank".equals(detail.getType().toString()))) {
            detail.setType(URI.create("/problems/" + slugOfStatus(statusCode.value())));
            detail.setTitle(titleOfStatus(statusCode.value()));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static final Map<Integer, String> BARE_STATUS_TYPES = Map.of(
            400, "malformed-request", 404, "not-found", 405, "method-not-allowed", 406, "not-acceptable",
            413, "body-too-large", 415, "unsupported-media-type", 500, "internal-error");

    /** The problem type of a bare status that Spring, the servlet container or Tomcat answers by itself. */
    static String slugOfStatus(int status) {
        return BARE_STATUS_TYPES.getOrDefault(status, "http-" + status);
    }

    static String titleOfStatus(int status) {
        return title(slugOfStatus(status).replace('-', '_'));
    }

    public static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + slug));
        problem.setTitle(title);
        return problem;
    }

    /** The status a refusal is answered with: its kind's (docs/domain.md, "Commands, events and refusals"). */
    public static HttpStatus statusOf(Refusal refusal) {
        return STATUS_OF.get(refusal.kind());
    }

    /** A refusal's problem type, the slug after {@code /problems/}: {@code NOT_HELD} is {@code not-held}. */
    public static String typeOf(Refusal refusal) {
        return refusal.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String title(String name) {
        String words = name.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}

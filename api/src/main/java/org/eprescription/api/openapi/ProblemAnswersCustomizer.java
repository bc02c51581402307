package org.eprescription.api.openapi;

import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.eprescription.api.idempotency.IdempotencyKeyHeader;
import org.eprescription.api.problem.ProblemHandler;
import org.eprescription.core.refusal.Refusal;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Gives every operation the problem answers it can give, each {@code application/problem+json} with the shared
 * {@code Problem} schema and the problem types it may carry (docs/http-api.md, "The OpenAPI description"). From the
 * operation's shape: 400 for any parameter or body, 413 for a body, 401 and 403 unless it is public, 409
 * {@code request-in-progress} and 422 {@code idempotency-key-reused} for a POST (which takes an Idempotency-Key), 406
 * and 503 {@code store-unavailable} for all. From its {@link ProblemAnswers}: each refusal with its kind's status, 409
 * {@code concurrent-change} for the command that can meet them, and the api's own problems.
 */
@Component
final class ProblemAnswersCustomizer implements OperationCustomizer {

    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    static final String PROBLEM_TYPES = "x-problem-types";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        boolean post = isPost(handler);
        if (post) {
            takesIdempotencyKey(operation);
        }
        boolean body = operation.getRequestBody() != null;
        boolean inputs = body || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        Map<Integer, Set<String>> answers = new TreeMap<>();
        if (inputs) {
            add(answers, 400, body ? List.of("malformed-request", "validation") : List.of("malformed-request"));
        }
        if (!isPublic(handler)) {
            add(answers, 401, List.of("no-credentials"));
            add(answers, 403, List.of("forbidden"));
        }
        add(answers, 406, List.of("not-acceptable"));
        if (body) {
            add(answers, 413, List.of("body-too-large"));
        }
        if (post) {
            add(answers, 409, List.of("request-in-progress"));
            add(answers, 422, List.of("idempotency-key-reused"));
        }
        add(answers, 503, List.of("store-unavailable"));
        ProblemAnswers declared = handler.getMethodAnnotation(ProblemAnswers.class);
        if (declared != null) {
            for (Refusal refusal : declared.refusals()) {
                add(answers, ProblemHandler.statusOf(refusal).value(), List.of(ProblemHandler.typeOf(refusal)));
            }
            if (declared.refusals().length > 0) {
                // another command on the same aggregate can change it at the same moment
                add(answers, 409, List.of("concurrent-change"));
            }
            for (String problem : declared.problems()) {
                String[] statusAndType = problem.split(" ");
                if (statusAndType.length != 2 || !statusAndType[1].matches("[a-z]+(-[a-z]+)*")
                        || !HttpStatus.valueOf(Integer.parseInt(statusAndType[0])).isError()) {
                    throw new IllegalArgumentException(handler + ": a problem is \"<status> <type>\", not " + problem);
                }
                add(answers, Integer.parseInt(statusAndType[0]), List.of(statusAndType[1]));
            }
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        answers.forEach((status, types) -> responses.addApiResponse(String.valueOf(status), answer(status, types)));
        if (post && declared != null && declared.refusals().length > 0 && !responses.containsKey("202")) {
            responses.addApiResponse("202", recorded());
        }
        return operation.responses(responses);
    }

    /**
     * What a command answers when it was recorded but its answer could not be built (docs/http-api.md, "Retries"):
     * never a 5xx, so that a client does not repeat it.
     */
    private static ApiResponse recorded() {
        Schema<Object> body = new Schema<>().type("object")
                .addProperty("recorded", new Schema<>().type("boolean"))
                .addProperty("location", new Schema<>().type("string"))
                .addProperty("detail", new Schema<>().type("string"));
        ApiResponse answer = new ApiResponse()
                .description("Recorded, but its answer could not be read now: read the resource at Location later; do "
                        + "not repeat the command")
                .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                        new MediaType().schema(body)));
        answer.addHeaderObject(HttpHeaders.LOCATION, new Header().description("the resource the command changed")
                .schema(new Schema<>().type("string")));
        return answer;
    }

    private static ApiResponse answer(int status, Set<String> types) {
        ApiResponse answer = new ApiResponse()
                .description(HttpStatus.valueOf(status).getReasonPhrase() + "; problem types: "
                        + types.stream().map(type -> "`" + type + "`").collect(Collectors.joining(", ")))
                .content(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref(OpenApiDescription.PROBLEM))));
        answer.addExtension(PROBLEM_TYPES, new ArrayList<>(types));
        if (status == HttpStatus.TOO_MANY_REQUESTS.value()) {
            answer.addHeaderObject(HttpHeaders.RETRY_AFTER, new Header()
                    .description("seconds until the lock-out ends").schema(new IntegerSchema()));
        }
        return answer;
    }

    /** The shared header parameter, in place of the one a controller method names (or none). */
    private static void takesIdempotencyKey(Operation operation) {
        List<Parameter> parameters = new ArrayList<>(operation.getParameters() == null ? List.of()
                : operation.getParameters());
        parameters.removeIf(parameter -> "header".equals(parameter.getIn())
                && IdempotencyKeyHeader.NAME.equalsIgnoreCase(parameter.getName()));
        parameters.add(new Parameter().$ref(OpenApiDescription.IDEMPOTENCY_KEY));
        operation.setParameters(parameters);
    }

    private static void add(Map<Integer, Set<String>> answers, int status, List<String> types) {
        answers.computeIfAbsent(status, any -> new LinkedHashSet<>()).addAll(types);
    }

    private static boolean isPost(HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        return mapping != null && Arrays.asList(mapping.method()).contains(RequestMethod.POST);
    }

    /** An operation marked with an empty {@code @SecurityRequirements} takes no token. */
    private static boolean isPublic(HandlerMethod handler) {
        SecurityRequirements requirements = handler.getMethodAnnotation(SecurityRequirements.class);
        return requirements != null && requirements.value().length == 0;
    }
}

package org.eprescription.api.docs;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.core.refusal.Refusal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description is one a vendor can generate a client from (docs/http-api.md, "The OpenAPI description"):
 * every operation named, summarised and tagged by resource, exact media types, an example for every request body,
 * and every problem answer it can give, typed application/problem+json with its problem types.
 */
class OpenApiDescriptionIT extends ExchangeIntegrationTest {

    private static final Set<String> ANSWER_TYPES = Set.of("application/json", "text/event-stream",
            "application/x-ndjson", "image/svg+xml");

    /**
     * What each operation answers beyond what its shape says (see {@link #answersOfItsShape}): the refusals of its
     * command (docs/domain.md, "Commands, events and refusals") and the api's own problems (docs/http-api.md). A path
     * variable that names the caller's own party (patient, institution, pharmacy) is answered 403, not 404; an
     * unknown prescription or record in a path is 404 (docs/http-api.md, "Unknown and foreign resources").
     */
    private static final Map<String, List<String>> ANSWERS_BEYOND_SHAPE = Map.ofEntries(
            entry("issuePrescription", List.of("409 different-issue-under-same-id", "422 invalid-lines",
                    "422 unknown-drug", "422 too-many-refills", "422 refill-not-allowed",
                    "422 valid-until-before-issue", "422 valid-until-beyond-horizon", "503 code-contended")),
            entry("getPrescription", List.of("404 not-found")),
            entry("getPrescriberQuery", List.of("404 not-found")),
            entry("getDispensingRecord", List.of("404 not-found")),
            entry("streamPrescription", List.of("404 not-found")),
            entry("cancelPrescription", List.of("404 not-found", "403 not-the-issuing-institution",
                    "409 not-cancellable", "409 concurrent-change")),
            entry("acceptPrescription", List.of("404 unknown-exchange-code", "409 held-by-another-pharmacy",
                    "409 refill-window-not-open", "409 not-acceptable-now", "429 too-many-attempts")),
            entry("releasePrescription", List.of("404 not-found", "403 not-the-holding-pharmacy", "409 not-held")),
            entry("dispensePrescription", List.of("404 not-found", "403 not-the-holding-pharmacy", "409 not-held",
                    "422 invalid-dispense", "422 unknown-line", "422 supply-longer-than-prescribed",
                    "422 quantity-exceeds-remaining", "422 substitute-not-equivalent", "422 substitute-other-form",
                    "422 substitute-not-dose-equivalent", "422 substitute-not-verifiable", "422 refill-not-allowed",
                    "422 days-above-longest-supply")),
            entry("correctDispensing", List.of("404 not-found", "404 unknown-dispensing",
                    "403 not-the-dispensing-pharmacy", "409 dispensing-withdrawn", "409 correction-day-passed",
                    "409 use-already-completed", "409 supply-stopped-by-cancellation",
                    "422 quantity-exceeds-remaining", "422 refill-not-allowed", "422 days-above-longest-supply")),
            entry("askPrescriber", List.of("404 not-found", "403 not-the-holding-pharmacy", "409 not-held",
                    "422 invalid-lines", "422 no-change-proposed", "409 line-already-dispensed",
                    "409 different-query-under-same-id")),
            entry("answerQuery", List.of("404 not-found", "403 not-the-issuing-institution", "404 unknown-query",
                    "409 query-already-answered", "409 not-amendable", "409 line-already-dispensed",
                    "422 no-change-proposed", "422 unknown-drug")),
            entry("acknowledgeAlert", List.of("404 not-found", "403 not-involved", "422 unknown-conflict")),
            entry("checkDuplicates", List.of("422 invalid-lines", "422 unknown-drug")),
            entry("registerDispensingRecord", List.of("409 different-record-under-same-id",
                    "422 invalid-record-items", "422 unknown-drug")),
            entry("correctDispensingRecord", List.of("404 not-found", "403 not-the-registering-party",
                    "409 record-correction-closed", "409 record-withdrawn", "422 invalid-record-items")),
            entry("getMedications", List.of()),
            entry("getPatientAlerts", List.of()),
            entry("recordConsent", List.of()),
            entry("listPatientPrescriptions", List.of()),
            entry("getExchangeCodeQr", List.of("404 not-found")),
            entry("getAccessLog", List.of()),
            entry("listInstitutionPrescriptions", List.of()),
            entry("streamInstitutionPrescriptions", List.of()),
            entry("getDispensingView", List.of()),
            entry("streamDispensingView", List.of()),
            entry("getPrescriptionEvents", List.of("404 not-found")),
            entry("getPrescriptionAsOf", List.of("404 not-found")),
            entry("exportEvents", List.of()),
            entry("getBulkReads", List.of()),
            entry("exportPseudonymized", List.of("503 export-not-configured")),
            entry("listProjections", List.of()),
            entry("replayAllProjections", List.of("409 projection-busy")),
            entry("replayProjection", List.of("404 not-found", "409 projection-busy")),
            entry("verifyProjection", List.of("404 not-found", "409 projection-busy")),
            entry("listClaimedSegments", List.of("404 not-found")),
            entry("releaseSegment", List.of("404 not-found")),
            entry("listDeadLetters", List.of()),
            entry("retryDeadLetter", List.of("404 not-found")),
            entry("listStuckPrescriptions", List.of()),
            entry("issueLocalToken", List.of()));

    private JsonNode description;

    @BeforeEach
    void fetchTheDescription() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        description = objectMapper.readTree(response.body());
    }

    @Test
    void theInterfaceIsDescribedWithTheBearerTokenEveryOperationTakes() {
        assertThat(description.path("paths").fieldNames()).toIterable().contains("/api/v1/prescriptions",
                "/api/v1/prescriptions/accept", "/api/v1/prescriptions/{id}/dispense",
                "/api/v1/prescriptions/{id}/release", "/api/v1/prescriptions/{id}/cancel");
        JsonNode scheme = description.path("components").path("securitySchemes").path("bearer-jwt");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(scheme.path("bearerFormat").asText()).isEqualTo("JWT");
        assertThat(description.path("security").path(0).has("bearer-jwt")).as("every operation takes a bearer token")
                .isTrue();
    }

    @Test
    void everyOperationIsNamedSummarisedAndTaggedByAResourceThatIsDescribed() {
        Set<String> resources = new HashSet<>();
        description.path("tags").forEach(tag -> {
            assertThat(tag.path("description").asText()).as("tag " + tag).isNotBlank();
            resources.add(tag.path("name").asText());
        });
        Set<String> operationIds = new HashSet<>();
        forEachOperation((where, operation) -> {
            assertThat(operation.path("summary").asText()).as(where + " summary").isNotBlank();
            assertThat(operation.path("description").asText()).as(where + " description").isNotBlank();
            assertThat(operationIds.add(operation.path("operationId").asText()))
                    .as(where + " has an operationId of its own: " + operation.path("operationId")).isTrue();
            assertThat(operation.path("operationId").asText()).as(where).matches("[a-z][A-Za-z]+");
            assertThat(operation.path("tags")).as(where + " tags").isNotEmpty();
            operation.path("tags").forEach(tag -> assertThat(tag.asText()).as(where + " tag")
                    .doesNotEndWith("-controller").isIn(resources));
        });
        assertThat(operationIds).as("operations").hasSizeGreaterThan(30);
    }

    @Test
    void everyMediaTypeIsExact() {
        forEachOperation((where, operation) -> {
            operation.path("requestBody").path("content").fieldNames().forEachRemaining(type ->
                    assertThat(type).as(where + " request body").isEqualTo("application/json"));
            operation.path("responses").fields().forEachRemaining(answer -> {
                Set<String> types = new TreeSet<>();
                answer.getValue().path("content").fieldNames().forEachRemaining(types::add);
                if (answer.getKey().startsWith("2")) {
                    assertThat(types).as(where + " " + answer.getKey()).isSubsetOf(ANSWER_TYPES);
                } else {
                    assertThat(types).as(where + " " + answer.getKey()).containsExactly("application/problem+json");
                }
            });
            assertThat(operation.path("responses").fieldNames()).as(where + " answers")
                    .toIterable().anyMatch(status -> status.startsWith("2"));
        });
    }

    @Test
    void everyRequestBodyHasAnExampleThatFitsItsSchema() {
        forEachOperation((where, operation) -> operation.path("requestBody").path("content").forEach(body -> {
            assertThat(body.has("example")).as(where + " request body example").isTrue();
            List<String> misfits = new ArrayList<>();
            fits(body.path("example"), body.path("schema"), "", misfits);
            assertThat(misfits).as(where + " example against its schema").isEmpty();
        }));
    }

    @Test
    void everyProblemAnswerIsAProblemDocumentNamingItsTypes() {
        JsonNode problem = description.path("components").path("schemas").path("Problem");
        assertThat(problem.path("required")).extracting(JsonNode::asText).contains("type", "title", "status");
        assertThat(problem.path("properties").path("refusal").path("enum")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Refusal.values()).map(Refusal::name).toList());
        assertThat(problem.path("properties").has("errors")).isTrue();
        forEachOperation((where, operation) -> {
            assertThat(operation.path("responses").fieldNames()).as(where + " answers a 4xx")
                    .toIterable().anyMatch(status -> status.startsWith("4"));
            operation.path("responses").fields().forEachRemaining(answer -> {
                if (Integer.parseInt(answer.getKey()) < 400) {
                    return;
                }
                JsonNode content = answer.getValue().path("content").path("application/problem+json");
                assertThat(content.path("schema").path("$ref").asText()).as(where + " " + answer.getKey())
                        .isEqualTo("#/components/schemas/Problem");
                assertThat(answer.getValue().path("x-problem-types")).as(where + " " + answer.getKey() + " types")
                        .isNotEmpty();
                answer.getValue().path("x-problem-types").forEach(type -> assertThat(answer.getValue()
                        .path("description").asText()).as(where + " " + answer.getKey()).contains(type.asText()));
            });
        });
    }

    /** A refusal the rules can make and no operation documents is one a client cannot expect. */
    @Test
    void everyRefusalOfTheRulesIsDocumentedWhereItCanHappen() {
        Set<String> documented = new HashSet<>();
        forEachOperation((where, operation) -> operation.path("responses").forEach(answer ->
                answer.path("x-problem-types").forEach(type -> documented.add(type.asText()))));
        assertThat(documented).containsAll(Arrays.stream(Refusal.values())
                .map(refusal -> refusal.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList());
    }

    @Test
    void everyOperationDocumentsTheStatusesItCanAnswer() {
        forEachOperation((where, operation) -> {
            String id = operation.path("operationId").asText();
            assertThat(ANSWERS_BEYOND_SHAPE).as("what " + where + " answers beyond its shape is known here")
                    .containsKey(id);
            Set<String> expected = new TreeSet<>(answersOfItsShape(where, operation));
            expected.addAll(ANSWERS_BEYOND_SHAPE.get(id));
            assertThat(documented(operation)).as(where + " (" + id + ")").containsAll(expected);
        });
    }

    /**
     * 400 for any parameter or body, 413 for a body, 401 and 403 unless the operation is public, 409 and 422 for a
     * retried or reused Idempotency-Key on a POST, 406 and 503 for all.
     */
    private static List<String> answersOfItsShape(String where, JsonNode operation) {
        List<String> answers = new ArrayList<>(List.of("406 not-acceptable", "503 store-unavailable"));
        boolean body = operation.has("requestBody");
        if (body || !operation.path("parameters").isEmpty()) {
            answers.add("400 malformed-request");
        }
        if (body) {
            answers.addAll(List.of("400 validation", "413 body-too-large"));
        }
        boolean isPublic = operation.has("security") && operation.path("security").isEmpty();
        if (!isPublic) {
            answers.addAll(List.of("401 no-credentials", "403 forbidden"));
        }
        if (where.startsWith("POST ")) {
            answers.addAll(List.of("409 request-in-progress", "422 idempotency-key-reused"));
        }
        return answers;
    }

    private static Set<String> documented(JsonNode operation) {
        Set<String> answers = new TreeSet<>();
        operation.path("responses").fields().forEachRemaining(answer -> answer.getValue().path("x-problem-types")
                .forEach(type -> answers.add(answer.getKey() + " " + type.asText())));
        return answers;
    }

    private void forEachOperation(BiConsumer<String, JsonNode> check) {
        description.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(
                operation -> check.accept(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                        operation.getValue())));
    }

    /** Enough of JSON Schema to tell an example from its schema: fields, required fields, types, arrays. */
    private void fits(JsonNode value, JsonNode schema, String at, List<String> misfits) {
        if (schema.has("$ref")) {
            String name = schema.path("$ref").asText().substring("#/components/schemas/".length());
            fits(value, description.path("components").path("schemas").path(name), at, misfits);
            return;
        }
        String type = schema.path("type").asText(schema.path("properties").isEmpty() ? "" : "object");
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    misfits.add(at + " is not an object");
                    return;
                }
                schema.path("required").forEach(required -> {
                    if (!value.has(required.asText())) {
                        misfits.add(at + "." + required.asText() + " is required");
                    }
                });
                for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    JsonNode property = schema.path("properties").path(field.getKey());
                    if (property.isMissingNode()) {
                        misfits.add(at + "." + field.getKey() + " is not in the schema");
                    } else {
                        fits(field.getValue(), property, at + "." + field.getKey(), misfits);
                    }
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    misfits.add(at + " is not an array");
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    fits(value.get(i), schema.path("items"), at + "[" + i + "]", misfits);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    misfits.add(at + " is not a string");
                }
            }
            case "integer", "number" -> {
                if (!value.isNumber()) {
                    misfits.add(at + " is not a number");
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    misfits.add(at + " is not a boolean");
                }
            }
            default -> {
            }
        }
    }
}

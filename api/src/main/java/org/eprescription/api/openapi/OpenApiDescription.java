package org.eprescription.api.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.eprescription.api.idempotency.IdempotencyKey;
import org.eprescription.api.idempotency.IdempotencyKeyHeader;
import org.eprescription.core.refusal.Refusal;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.util.Arrays;
import java.util.List;

/**
 * The OpenAPI description at {@code /v3/api-docs} (docs/http-api.md, "The OpenAPI description"): who the API is
 * for, its resources (the tags controllers name), the bearer token every operation but {@code /local-tokens} takes,
 * and the shared parts the customizers refer to: the {@code Problem} schema and the {@code Idempotency-Key} header.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiDescription {

    static final String SCHEME = "bearer-jwt";
    static final String PROBLEM = "#/components/schemas/Problem";
    static final String IDEMPOTENCY_KEY = "#/components/parameters/IdempotencyKey";

    static {
        // live streams and exports are written as they go: a client reads text, described per operation; a POST's
        // Idempotency-Key is the shared header parameter ProblemAnswersCustomizer gives it, not one of its own
        SpringDocUtils.getConfig()
                .replaceWithSchema(SseEmitter.class, new StringSchema())
                .replaceWithSchema(StreamingResponseBody.class, new StringSchema())
                .addAnnotationsToIgnore(IdempotencyKey.class);
    }

    private static final List<Tag> RESOURCES = List.of(
            tag("prescriptions", "Issue, read, cancel, accept, release, dispense and correct prescriptions"),
            tag("prescriber-queries", "A pharmacist's query to the prescriber (疑義照会) and its answer"),
            tag("alerts", "Duplicate and interaction alerts: the check of a draft, acknowledgements"),
            tag("dispensing-records", "Dispensings without an electronic prescription (paper, in-house)"),
            tag("patients", "A patient's medications, alerts, prescriptions, consent and access log"),
            tag("institutions", "An institution's prescriptions, also live"),
            tag("pharmacies", "A pharmacy's working view, also live"),
            tag("audit", "The event history of a prescription and the event exports, for auditors"),
            tag("admin", "Projections, dead letters and stuck prescriptions, for auditors and operators"),
            tag("local-tokens", "Tokens for trying the exchange, only where local tokens are switched on"));

    @Bean
    OpenAPI exchangeOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Prescription exchange").version("v1")
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0"))
                        .description("Bearer tokens carry sub, roles (PRESCRIBER, PHARMACIST, PATIENT, AUDITOR) and "
                                + "institution_id, pharmacy_id or patient_id; see docs/operations.md, "
                                + "\"Identity provider and tokens\". Every error is an RFC 9457 problem document "
                                + "(docs/http-api.md, \"Status codes and problem documents\")."))
                .tags(RESOURCES)
                .components(new Components()
                        .addSecuritySchemes(SCHEME, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"))
                        .addSchemas("Problem", problem())
                        .addSchemas("ProblemError", new ObjectSchema()
                                .description("What is wrong with one field of the request")
                                .addProperty("field", new StringSchema().example("lines[0].drugCode"))
                                .addProperty("message", new StringSchema().example("must not be blank")))
                        .addParameters("IdempotencyKey", new Parameter().in("header").name(IdempotencyKeyHeader.NAME)
                                .description("Names a retry: the same caller, key, path and body get the first answer "
                                        + "again, with Idempotent-Replayed: true, and change nothing "
                                        + "(docs/http-api.md, \"Retries\"). A UUID per operation is the habit.")
                                .schema(new StringSchema().maxLength(200))))
                .addSecurityItem(new SecurityRequirement().addList(SCHEME));
    }

    /** RFC 9457 with the exchange's extensions: the rules' refusal code and the fields a validation found wrong. */
    private static Schema<?> problem() {
        return new ObjectSchema()
                .description("An RFC 9457 problem document; x-problem-types of each answer lists its types")
                .addProperty("type", new StringSchema().format("uri-reference").example("/problems/not-held")
                        .description("/problems/<problem type>"))
                .addProperty("title", new StringSchema().example("Not held"))
                .addProperty("status", new IntegerSchema().example(409))
                .addProperty("detail", new StringSchema().description("what was wrong with this request"))
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("refusal", new StringSchema()
                        .description("the rules' refusal code, for a refusal (docs/domain.md)")
                        ._enum(Arrays.stream(Refusal.values()).map(Refusal::name).toList()))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/ProblemError"))
                        .description("for a validation error: each field and what is wrong with it"))
                .required(List.of("type", "title", "status"));
    }

    private static Tag tag(String name, String description) {
        return new Tag().name(name).description(description);
    }
}

package org.eprescription.api.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.method.HandlerMethod;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Each request body's example, kept as plain JSON in {@code openapi/examples/<operationId>.json} on the classpath
 * (docs/http-api.md, "The OpenAPI description"); {@code OpenApiDescriptionIT} fails for a body without one.
 */
@Component
final class RequestBodyExamples implements OperationCustomizer {

    static final String FOLDER = "openapi/examples/";

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return operation;
        }
        ClassPathResource example = new ClassPathResource(FOLDER + operation.getOperationId() + ".json");
        if (!example.exists()) {
            return operation;
        }
        Object value = read(example);
        for (MediaType mediaType : operation.getRequestBody().getContent().values()) {
            mediaType.setExample(value);
        }
        return operation;
    }

    private Object read(ClassPathResource example) {
        try (InputStream in = example.getInputStream()) {
            return json.readValue(in, Object.class);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("example " + example.getPath() + " is not JSON", unreadable);
        }
    }
}

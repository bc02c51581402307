package org.eprescription.api.audit;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.core.annotation.AliasFor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An export's 200 answer in the OpenAPI description: text, one JSON object per line ({@link EventExports}). */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ApiResponse(responseCode = "200",
        content = @Content(mediaType = EventExports.NDJSON_VALUE, schema = @Schema(type = "string")))
@interface NdjsonAnswer {

    /** What the lines are. */
    @AliasFor(annotation = ApiResponse.class, attribute = "description")
    String value();
}

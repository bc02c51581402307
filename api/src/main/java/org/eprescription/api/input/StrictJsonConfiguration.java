package org.eprescription.api.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MutableCoercionConfig;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

import java.util.List;

/**
 * Request bodies are read strictly: an unknown field (a typo such as "refils" would otherwise be dropped silently),
 * a key given twice (which of the two would count?) or anything after the document is refused with 400, and so are
 * values no projection could store ({@link RequestValues}).
 * <p>
 * Only the HTTP converter's copy of the application's ObjectMapper is strict. The application's own reads stored
 * events and view columns, and must keep ignoring fields a newer node added (during a rolling upgrade, say).
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    /** Replaces Spring Boot's JSON converter (it backs off when one is defined); answers are written as before. */
    @Bean
    MappingJackson2HttpMessageConverter strictJsonHttpMessageConverter(ObjectMapper objectMapper) {
        ObjectMapper strict = objectMapper.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .registerModule(RequestValues.module());
        refuseScalarCoercion(strict);
        return new MappingJackson2HttpMessageConverter(strict);
    }

    /**
     * A value of the wrong JSON type is refused, not converted: Jackson would otherwise read {@code "lineNumber": 1.9}
     * as line 1, {@code "days": "7"} as 7, {@code "completesUse": 1} as true and {@code "refills": ""} as none.
     */
    private static void refuseScalarCoercion(ObjectMapper strict) {
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean,
                LogicalType.Textual)) {
            MutableCoercionConfig config = strict.coercionConfigFor(type);
            for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                    CoercionInputShape.Boolean, CoercionInputShape.String, CoercionInputShape.EmptyString)) {
                config.setCoercion(shape, CoercionAction.Fail);
            }
        }
        // an integer is a valid decimal (a quantity of 14 tablets is 14)
        strict.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
    }
}

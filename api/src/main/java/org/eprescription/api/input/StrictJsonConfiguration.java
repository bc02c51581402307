package org.eprescription.api.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

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
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .registerModule(RequestValues.module());
        return new MappingJackson2HttpMessageConverter(strict);
    }
}

package org.eprescription.api.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;

/**
 * Text in a request body may not carry control characters other than tab and line breaks: PostgreSQL refuses NUL
 * in text, so such a value would be recorded as an event that no projection can store. It is refused as malformed
 * (400) instead, before anything is written.
 */
@Configuration(proxyBeanMethods = false)
public class JsonInputConfiguration {

    /** Spring Boot registers every Module bean with the application's ObjectMapper. */
    @Bean
    Module refuseControlCharacters() {
        SimpleModule module = new SimpleModule("refuse-control-characters");
        module.addDeserializer(String.class, new CleanTextDeserializer());
        return module;
    }

    static final class CleanTextDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null && value.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r'
                    || c == 0x7f)) {
                return (String) context.handleWeirdStringValue(String.class, value,
                        "control characters are not allowed in text");
            }
            return value;
        }
    }
}

package org.eprescription.api.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Values a request body may carry, beyond their type: what passes here can be stored by every projection, so a
 * request is refused (400) before anything is recorded rather than recorded as an event no view can hold.
 * <ul>
 *   <li>text without control characters other than tab and line breaks (PostgreSQL refuses NUL in text);</li>
 *   <li>dates as ISO-8601 text (not a number of epoch days) between {@value #FIRST_YEAR} and {@value #LAST_YEAR}.</li>
 * </ul>
 */
final class RequestValues {

    static final int FIRST_YEAR = 1900;
    static final int LAST_YEAR = 2199;

    private RequestValues() {
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("request-values");
        module.addDeserializer(String.class, new CleanText());
        module.addDeserializer(LocalDate.class, new PlausibleDate());
        return module;
    }

    static final class CleanText extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null && value.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r'
                    || c == 0x7f)) {
                return (String) context.handleWeirdStringValue(String.class, value,
                        "control characters are not allowed in text");
            }
            // half of a surrogate pair is no character: the event would keep it and PostgreSQL's text would not
            if (value != null && value.codePoints()
                    .anyMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
                return (String) context.handleWeirdStringValue(String.class, value,
                        "text must not hold half of a UTF-16 surrogate pair");
            }
            return value;
        }
    }

    /** ISO-8601 text only (no epoch-day numbers, no arrays), within the years every store can hold. */
    static final class PlausibleDate extends StdScalarDeserializer<LocalDate> {

        PlausibleDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
            }
            String text = parser.getText().strip();
            LocalDate date;
            try {
                date = LocalDate.parse(text);
            } catch (DateTimeParseException malformed) {
                return (LocalDate) context.handleWeirdStringValue(LocalDate.class, text, "not an ISO-8601 date");
            }
            if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
                return (LocalDate) context.handleWeirdStringValue(LocalDate.class, text,
                        "a date must lie between " + FIRST_YEAR + " and " + LAST_YEAR);
            }
            return date;
        }
    }
}

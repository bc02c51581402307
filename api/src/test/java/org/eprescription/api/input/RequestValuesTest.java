package org.eprescription.api.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestValuesTest {

    record Body(String text, LocalDate date) {
    }

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(RequestValues.module());

    @Test
    void plainTextAndDatesPass() throws Exception {
        Body body = json.readValue("{\"text\": \"1 tablet\\nafter breakfast\", \"date\": \"2026-11-29\"}", Body.class);
        assertThat(body.date()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(body.text()).contains("\n");
    }

    @Test
    void controlCharactersInTextAreRefused() {
        assertThatThrownBy(() -> json.readValue("{\"text\": \"PAT\\u0000-1\"}", Body.class))
                .isInstanceOf(InvalidFormatException.class);
    }

    @Test
    void datesNoProjectionCanStoreAndEpochDayNumbersAreRefused() {
        assertThatThrownBy(() -> json.readValue("{\"date\": \"+999999999-12-31\"}", Body.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> json.readValue("{\"date\": \"1850-01-01\"}", Body.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> json.readValue("{\"date\": 2147483647}", Body.class))
                .isInstanceOf(MismatchedInputException.class);
    }
}

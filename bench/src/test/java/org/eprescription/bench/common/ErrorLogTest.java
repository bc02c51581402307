package org.eprescription.bench.common;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorLogTest {

    @Test
    void errorsOfTheWindowAreCountedApartFromTheWarmupsAndMerged() {
        ErrorLog one = new ErrorLog();
        one.record("issue 503", "{\"title\":\"Service Unavailable\"}", true);
        one.record("issue 503", "again", true);
        one.record("accept ConnectException", "ConnectException: refused", false);
        ErrorLog two = new ErrorLog();
        two.record("dispense 409", "conflict\n  on two lines", true);
        one.addAll(two);

        assertThat(one.inWindow()).isEqualTo(3);
        assertThat(one.inWarmup()).isEqualTo(1);
        assertThat(one.cell()).isEqualTo("3 (dispense 409: 1, issue 503: 2)");
        assertThat(new ErrorLog().cell()).isEqualTo("0");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        one.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("errors             3 in window, 1 in warmup")
                .contains("accept ConnectException")
                .contains("(warmup)")
                .contains("dispense 409 -> conflict on two lines");
    }
}

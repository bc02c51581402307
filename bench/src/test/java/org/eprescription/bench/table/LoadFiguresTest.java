package org.eprescription.bench.table;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class LoadFiguresTest {

    /** What bench/run-lifecycle.sh prints, its CPU section included. */
    static final String LIFECYCLE_RUN = """
            === Lifecycle load result (16 clients, 2026-12-06 14:00 UTC) ===
            clients            16
            measured window    60 s (after 10 s warmup, 410 lifecycles in warmup)
            lifecycles         3450
            lifecycles/s       57.5
            commands/s         172.7  (10362 successful commands, 3 per lifecycle)
            errors             0

            step          count     p50 ms     p90 ms     p99 ms     max ms
            issue          3451       87.0      120.0      204.0      250.1

            === CPU over the measured window (from /proc; the load client's own is not counted) ===
            exchange        62.1 s CPU, 18.00 ms per lifecycle,  104 % of one core
            (PostgreSQL's CPU is counted only with an own cluster: BENCH_OWN_PG_SHARED_BUFFERS)
            """;

    /** What bench/run-raw-commands.sh prints. */
    static final String RAW_RUN = """
            === Raw Axon command rate (16 threads, in-process CommandGateway, no HTTP) ===
            clients            16
            measured window    60.0 s (after 30 s warmup)
            lifecycles         12000
            lifecycles/s       200.0
            commands/s         600.0  (36000 successful commands, 3 per lifecycle)
            errors             0 in the window, 0 in all
            events appended    72000  (1200.0/s, 6.00 per lifecycle, 2.00 per command)
            exchange        48.0 s CPU,  4.00 ms per lifecycle,   80 % of one core
            """;

    /** Each result: what it is, its figures, and its events per second (from its own events per lifecycle). */
    static Stream<Arguments> results() {
        return Stream.of(
                arguments("a lifecycle run gives its rates and the exchange's CPU but no event count", LIFECYCLE_RUN,
                        new LoadFigures(16, 57.5, 172.7, Double.NaN, 18.0), Double.NaN),
                arguments("the raw rate also counts the events it appended", RAW_RUN,
                        new LoadFigures(16, 200.0, 600.0, 6.0, 4.0), 1200.0),
                arguments("a result without the exchange's CPU has no CPU figure",
                        LIFECYCLE_RUN.substring(0, LIFECYCLE_RUN.indexOf("=== CPU")),
                        new LoadFigures(16, 57.5, 172.7, Double.NaN, Double.NaN), Double.NaN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("results")
    void aResultGivesItsFigures(String what, String result, LoadFigures expected, Double eventsPerSecond) {
        LoadFigures figures = LoadFigures.parse(result);

        assertThat(figures).isEqualTo(expected);
        assertThat(figures.eventsPerSecond(figures.eventsPerLifecycle())).isEqualTo(eventsPerSecond);
    }

    @Test
    void aRunThatPrintedNoRatesIsRefusedNotReadAsZero() {
        assertThatThrownBy(() -> LoadFigures.parse("the exchange exited during startup"))
                .hasMessage("no lifecycles/s line");
    }
}

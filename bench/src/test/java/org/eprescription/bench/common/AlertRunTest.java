package org.eprescription.bench.common;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class AlertRunTest {

    record Options(String label, int clients, int durationSeconds) implements RunOptions {
    }

    /** 100 latencies of 1 ms to 100 ms, two answers of which one carries two alerts, no error. */
    private static AlertRun run(double... percentiles) {
        Samples samples = new Samples();
        for (int ms = 1; ms <= 100; ms++) {
            samples.add(ms * 1_000L);
        }
        AlertTally answers = new AlertTally();
        answers.count("{\"alerts\":[{\"alertId\":\"a\"},{\"alertId\":\"b\"}]}", "the first with alerts");
        answers.count("{\"alerts\":[]}", "none");
        return new AlertRun("2026-12-06 14:00 UTC", new Options("8 clients", 8, 4), answers,
                new LatencyFigures(samples.distribution(), 2, percentiles), new ErrorLog());
    }

    @Test
    void theTitleNamesTheRunItsDateAndItsClients() {
        assertThat(printed(() -> run(50).printTitle("Issue-only"))).isEqualTo("""

                === Issue-only load result (8 clients, 2026-12-06 14:00 UTC) ===
                clients            8
                """);
    }

    @Test
    void theFiguresAndTheMarkdownRowHaveAColumnPerChosenPercentile() {
        assertThat(printed(() -> run(50, 99.9).printFiguresAndMarkdown("Issues", "issue answers", "issue latency",
                "first issue answer with alerts:"))).isEqualTo("""
                issues/s           0.5
                with alerts        1 of 2 issue answers (50.0 %), 2 alerts in them
                errors             0 in window, 0 in warmup
                issue latency      count 100, p50 50.00 ms, p99.9 100.00 ms, max 100.00 ms
                first issue answer with alerts:
                    the first with alerts

                --- Markdown (paste into docs/benchmarks.md) ---
                | Date | Run | Clients | Measured | Issues | Issues/s | p50 ms | p99.9 ms | max ms | Answers with alerts | Errors |
                |---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|
                | 2026-12-06 | 8 clients | 8 | 4 s | 2 | 0.5 | 50.00 | 100.00 | 100.00 | 1 (50.0 %) | 0 |
                --- end Markdown ---
                """);
    }

    private static String printed(Runnable print) {
        PrintStream console = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            print.run();
        } finally {
            System.setOut(console);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}

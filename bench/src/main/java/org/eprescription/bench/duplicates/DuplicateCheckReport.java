package org.eprescription.bench.duplicates;

import org.eprescription.bench.common.AlertRun;
import org.eprescription.bench.common.AlertTally;
import org.eprescription.bench.common.ErrorLog;
import org.eprescription.bench.common.LatencyFigures;
import org.eprescription.bench.common.Samples;

import java.util.List;
import java.util.Locale;

/** The results of a duplicate-check run, for the console and as a Markdown row for docs/benchmarks.md. */
final class DuplicateCheckReport {

    private DuplicateCheckReport() {
    }

    static void print(DuplicateCheckLoad.Options options, List<Client> clients) {
        AlertTally answers = new AlertTally();
        long warmup = 0;
        Samples merged = new Samples();
        ErrorLog errors = new ErrorLog();
        for (Client c : clients) {
            answers.addAll(c.answers);
            warmup += c.warmupRequests;
            merged.addAll(c.latencies);
            errors.addAll(c.errors);
        }
        AlertRun run = new AlertRun(options, answers,
                new LatencyFigures(merged.distribution(), 2, 50, 90, 99, 99.9), errors);
        run.printTitle("Duplicate-check");
        System.out.printf(Locale.ROOT, "measured window    %d s (after %d s warmup, %d requests in warmup)%n",
                options.durationSeconds(), options.warmupSeconds(), warmup);
        System.out.printf(Locale.ROOT, "requests           %d (2xx)%n", answers.answers());
        run.printFiguresAndMarkdown("Requests", "answers", "latency",
                "first request with alerts and its answer (truncated):");
    }
}

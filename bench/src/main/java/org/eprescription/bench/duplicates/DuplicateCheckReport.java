package org.eprescription.bench.duplicates;

import org.eprescription.bench.common.AlertTally;
import org.eprescription.bench.common.Distribution;
import org.eprescription.bench.common.ErrorLog;
import org.eprescription.bench.common.Format;
import org.eprescription.bench.common.Samples;

import java.util.List;
import java.util.Locale;

import static org.eprescription.bench.common.Format.ms;

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
        Distribution latency = merged.distribution();
        double perSecond = answers.answers() / (double) options.durationSeconds();
        String date = Format.now();
        String p50 = ms(latency.p50(), 2);
        String p90 = ms(latency.p90(), 2);
        String p99 = ms(latency.p99(), 2);
        String p999 = ms(latency.percentile(99.9), 2);
        String max = ms(latency.max(), 2);

        System.out.println();
        System.out.println("=== Duplicate-check load result (" + options.label() + ", " + date + ") ===");
        System.out.printf(Locale.ROOT, "clients            %d%n", options.clients());
        System.out.printf(Locale.ROOT, "measured window    %d s (after %d s warmup, %d requests in warmup)%n",
                options.durationSeconds(), options.warmupSeconds(), warmup);
        System.out.printf(Locale.ROOT, "requests           %d (2xx)%n", answers.answers());
        System.out.printf(Locale.ROOT, "requests/s         %.1f%n", perSecond);
        System.out.println(answers.line("answers"));
        errors.print(System.out);
        System.out.printf(Locale.ROOT, "latency            count %d, p50 %s ms, p90 %s ms, p99 %s ms, p99.9 %s ms, "
                + "max %s ms%n", latency.count(), p50, p90, p99, p999, max);
        answers.printSample("first request with alerts and its answer (truncated):");
        System.out.println();
        Format.markdown("| Date | Run | Clients | Measured | Requests | Requests/s | p50 ms | p90 ms | p99 ms "
                        + "| p99.9 ms | max ms | Answers with alerts | Errors |",
                "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
                String.format(Locale.ROOT, "| %s | %s | %d | %d s | %d | %.1f | %s | %s | %s | %s | %s | %s | %s |",
                        date.substring(0, 10), options.label(), options.clients(), options.durationSeconds(),
                        answers.answers(), perSecond, p50, p90, p99, p999, max, answers.cell(), errors.cell()));
    }
}

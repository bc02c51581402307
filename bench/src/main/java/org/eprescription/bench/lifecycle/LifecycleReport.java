package org.eprescription.bench.lifecycle;

import org.eprescription.bench.common.AlertRun;
import org.eprescription.bench.common.AlertTally;
import org.eprescription.bench.common.Distribution;
import org.eprescription.bench.common.ErrorLog;
import org.eprescription.bench.common.Format;
import org.eprescription.bench.common.LatencyFigures;
import org.eprescription.bench.common.Samples;

import java.util.List;
import java.util.Locale;

import static org.eprescription.bench.common.Format.ms;

/** The results of a lifecycle run, for the console and as Markdown rows for docs/benchmarks.md. */
final class LifecycleReport {

    private LifecycleReport() {
    }

    static void lifecycles(LifecycleLoad.Options options, List<Client> clients) {
        long lifecycles = 0;
        long commands = 0;
        long warmupLifecycles = 0;
        Samples[] merged = {new Samples(), new Samples(), new Samples()};
        ErrorLog errors = new ErrorLog();
        for (Client c : clients) {
            lifecycles += c.lifecycles;
            commands += c.commands;
            warmupLifecycles += c.warmupLifecycles;
            for (int s = 0; s < Client.STEPS.length; s++) {
                merged[s].addAll(c.latencies[s]);
            }
            errors.addAll(c.errors);
        }
        double seconds = options.durationSeconds();
        double lifecyclesPerSecond = lifecycles / seconds;
        double commandsPerSecond = commands / seconds;
        Distribution[] steps = new Distribution[Client.STEPS.length];
        for (int s = 0; s < steps.length; s++) {
            steps[s] = merged[s].distribution();
        }

        String date = Format.now();
        System.out.println();
        System.out.println("=== Lifecycle load result (" + options.label() + ", " + date + ") ===");
        System.out.printf(Locale.ROOT, "clients            %d%n", options.clients());
        System.out.printf(Locale.ROOT, "measured window    %d s (after %d s warmup, %d lifecycles in warmup)%n",
                options.durationSeconds(), options.warmupSeconds(), warmupLifecycles);
        System.out.printf(Locale.ROOT, "lifecycles         %d%n", lifecycles);
        System.out.printf(Locale.ROOT, "lifecycles/s       %.1f%n", lifecyclesPerSecond);
        System.out.printf(Locale.ROOT, "commands/s         %.1f  (%d successful commands, 3 per lifecycle)%n",
                commandsPerSecond, commands);
        errors.print(System.out);
        System.out.println();
        System.out.printf(Locale.ROOT, "%-9s %9s %10s %10s %10s %10s%n", "step", "count", "p50 ms", "p90 ms", "p99 ms",
                "max ms");
        for (int s = 0; s < steps.length; s++) {
            Distribution d = steps[s];
            System.out.printf(Locale.ROOT, "%-9s %9d %10s %10s %10s %10s%n", Client.STEPS[s], d.count(), ms(d.p50()),
                    ms(d.p90()), ms(d.p99()), ms(d.max()));
        }

        System.out.println();
        System.out.println(Format.MARKDOWN_BEGIN);
        System.out.println("| Date | Run | Clients | Measured | Lifecycles | Lifecycles/s | Commands/s | Errors |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---|");
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %d s | %d | %.1f | %.1f | %s |%n", date.substring(0, 10),
                options.label(), options.clients(), options.durationSeconds(), lifecycles, lifecyclesPerSecond,
                commandsPerSecond, errors.cell());
        System.out.println();
        System.out.println("| Run | Step | Count | p50 ms | p90 ms | p99 ms | max ms |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        for (int s = 0; s < steps.length; s++) {
            Distribution d = steps[s];
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s |%n", options.label(), Client.STEPS[s],
                    d.count(), ms(d.p50()), ms(d.p90()), ms(d.p99()), ms(d.max()));
        }
        System.out.println(Format.MARKDOWN_END);
    }

    static void issueOnly(LifecycleLoad.Options options, List<Client> clients) {
        AlertTally issues = new AlertTally();
        Samples merged = new Samples();
        ErrorLog errors = new ErrorLog();
        for (Client c : clients) {
            issues.addAll(c.issues);
            merged.addAll(c.latencies[0]);
            errors.addAll(c.errors);
        }
        AlertRun run = new AlertRun(options, issues, new LatencyFigures(merged.distribution(), 1, 50, 90, 99),
                errors);
        run.printTitle("Issue-only");
        System.out.printf(Locale.ROOT, "patient pool       %d (%s)%n", options.patients(), options.loadedPatients()
                ? "PAT-1 ... PAT-" + options.patients() + ", courses bulk-loaded"
                : options.seedPerPatient() + " prescriptions each seeded first");
        System.out.printf(Locale.ROOT, "measured window    %d s (after %d s warmup)%n", options.durationSeconds(),
                options.warmupSeconds());
        System.out.printf(Locale.ROOT, "issues             %d%n", issues.answers());
        run.printFiguresAndMarkdown("Issues", "issue answers", "issue latency",
                "first issue answer with alerts (truncated):");
    }
}

package org.eprescription.bench.common;

import java.util.Locale;

/**
 * A closed-loop run whose answers may carry alerts (issue-only lifecycles, duplicate checks), merged from its client
 * threads, and the parts of its report that do not depend on what it sends: the title, the rate, the answers with
 * alerts, the errors, the latency figures, the first answer with alerts and the Markdown row for docs/benchmarks.md.
 *
 * @param date    when the run was reported ({@link Format#now()})
 * @param answers the 2xx answers inside the measured window
 */
public record AlertRun(String date, RunOptions options, AlertTally answers, LatencyFigures latency, ErrorLog errors) {

    public AlertRun(RunOptions options, AlertTally answers, LatencyFigures latency, ErrorLog errors) {
        this(Format.now(), options, answers, latency, errors);
    }

    public double perSecond() {
        return answers.answers() / (double) options.durationSeconds();
    }

    /** An empty line, the title, e.g. "=== Issue-only load result (8 clients, 2025-01-02 10:00 UTC) ===", the clients. */
    public void printTitle(String what) {
        System.out.println();
        System.out.println("=== " + what + " load result (" + options.label() + ", " + date + ") ===");
        System.out.printf(Locale.ROOT, "clients            %d%n", options.clients());
    }

    /**
     * The rest of the report once the script has said how many answers it counted: their rate, the answers with alerts
     * among them, the errors, the latency figures under {@code latencyHeading}, the first answer with alerts under
     * {@code sampleHeading}, and the Markdown table (date, run, clients, measured window, the answers and their rate
     * under {@code counted}, the latency figures, the answers with alerts, the errors). E.g. for issues:
     * {@code printFiguresAndMarkdown("Issues", "issue answers", "issue latency", "first issue answer with alerts:")}.
     */
    public void printFiguresAndMarkdown(String counted, String answersName, String latencyHeading,
                                        String sampleHeading) {
        System.out.printf(Locale.ROOT, "%-19s%.1f%n", counted.toLowerCase(Locale.ROOT) + "/s", perSecond());
        System.out.println(answers.line(answersName));
        errors.print(System.out);
        System.out.println(latency.line(latencyHeading));
        answers.printSample(sampleHeading);
        System.out.println();
        Format.markdown("| Date | Run | Clients | Measured | " + counted + " | " + counted + "/s | "
                        + String.join(" | ", latency.headings()) + " | Answers with alerts | Errors |",
                "|---|---|---:|---:|---:|---:|" + "---:|".repeat(latency.headings().size()) + "---:|---|",
                String.format(Locale.ROOT, "| %s | %s | %d | %d s | %d | %.1f | %s | %s | %s |", date.substring(0, 10),
                        options.label(), options.clients(), options.durationSeconds(), answers.answers(), perSecond(),
                        String.join(" | ", latency.cells()), answers.cell(), errors.cell()));
    }
}

package org.eprescription.bench.table;

import org.eprescription.bench.common.Args;
import org.eprescription.bench.common.Benchmark;
import org.eprescription.bench.common.Format;
import org.eprescription.bench.common.UsageException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one table of bench/run-table.sh (docs/benchmarks.md, "Ceilings and the one-command table"): the HTTP lifecycle
 * load's figures beside the two ceilings measured in the same run, pgbench's durable appends and the raw Axon
 * command rate, each figure also as a ratio of them. It reads the three printed results; it measures nothing.
 */
public final class CeilingTable implements Benchmark {

    /** Events per lifecycle when neither the lifecycle run's store nor the raw run counted them: 2 per command. */
    static final double ASSUMED_EVENTS_PER_LIFECYCLE = 6;

    /** How many events a lifecycle of the HTTP run appended, and where that figure comes from. */
    public record Events(double perLifecycle, String source) {

        /** Counted in the lifecycle run's store if given, else as the raw run counted them, else assumed. */
        static Events of(double counted, LoadFigures raw) {
            if (!Double.isNaN(counted)) {
                return new Events(counted, "counted in the lifecycle run's event table");
            }
            if (!Double.isNaN(raw.eventsPerLifecycle())) {
                return new Events(raw.eventsPerLifecycle(), "as the raw run counted them: the same commands");
            }
            return new Events(ASSUMED_EVENTS_PER_LIFECYCLE, "assumed: 2 per command, not counted");
        }
    }

    @Override
    public String usage() {
        return """
                usage: java -jar bench.jar table --pgbench FILE --raw FILE --http FILE [--http-events-per-lifecycle N]
                The printed results of bench/run-pgbench-ceiling.sh, bench/run-raw-commands.sh and
                bench/run-lifecycle.sh; --http-events-per-lifecycle: events per completed lifecycle counted in the
                lifecycle run's event table (else the raw run's count is used, else 6 is assumed).""";
    }

    @Override
    public void run(String[] arguments) throws IOException {
        Args args = Args.parse(arguments);
        String pgbench = read(args, "--pgbench");
        String raw = read(args, "--raw");
        String http = read(args, "--http");
        String counted = args.text("--http-events-per-lifecycle", null);
        args.finish();
        LoadFigures rawFigures = LoadFigures.parse(raw);
        double countedEvents = Double.NaN;
        if (counted != null && !counted.isBlank()) {
            try {
                countedEvents = Double.parseDouble(counted);
            } catch (NumberFormatException e) {
                throw new UsageException("--http-events-per-lifecycle needs a number, not " + counted);
            }
        }
        List<String> lines = markdown(AppendCeiling.parse(pgbench), rawFigures, LoadFigures.parse(http),
                Events.of(countedEvents, rawFigures));
        System.out.println("=== The lifecycle load beside its ceilings (" + Format.now() + ") ===");
        Format.markdown(lines.toArray(String[]::new));
    }

    private static String read(Args args, String name) throws IOException {
        String file = args.text(name, null);
        if (file == null) {
            throw new UsageException(name + " is required");
        }
        return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    }

    /** The table's header and rows: the raw rate's figures, then the HTTP run's, then pgbench's. */
    static List<String> markdown(AppendCeiling pgbench, LoadFigures raw, LoadFigures http, Events httpEvents) {
        StringBuilder header = new StringBuilder("| figure | value | of raw Axon |");
        StringBuilder rule = new StringBuilder("|---|---:|---:|");
        for (AppendCeiling.Run run : pgbench.runs()) {
            header.append(" of pgbench, ").append(clients(run.clients())).append(" |");
            rule.append("---:|");
        }
        List<String> lines = new ArrayList<>(List.of(header.toString(), rule.toString()));

        String rawName = "raw Axon, " + threads(raw.clients());
        double rawEvents = raw.eventsPerSecond(raw.eventsPerLifecycle());
        lines.add(row(rawName + ": lifecycles/s", rate(raw.lifecyclesPerSecond()), "", pgbench, Double.NaN));
        lines.add(row(rawName + ": commands/s", rate(raw.commandsPerSecond()), "", pgbench, Double.NaN));
        lines.add(row(rawName + ": events appended/s (" + Format.ms(raw.eventsPerLifecycle(), 2)
                + " per lifecycle)", rate(rawEvents), "", pgbench, rawEvents));
        lines.add(row(rawName + ": exchange CPU ms per lifecycle", Format.ms(raw.cpuMsPerLifecycle(), 2), "",
                pgbench, Double.NaN));

        String httpName = "HTTP lifecycle load, " + clients(http.clients());
        double httpEventsPerSecond = http.eventsPerSecond(httpEvents.perLifecycle());
        lines.add(row(httpName + ": lifecycles/s", rate(http.lifecyclesPerSecond()),
                ratio(http.lifecyclesPerSecond(), raw.lifecyclesPerSecond()), pgbench, Double.NaN));
        lines.add(row(httpName + ": commands/s", rate(http.commandsPerSecond()),
                ratio(http.commandsPerSecond(), raw.commandsPerSecond()), pgbench, Double.NaN));
        lines.add(row(httpName + ": events appended/s (" + Format.ms(httpEvents.perLifecycle(), 2)
                        + " per lifecycle, " + httpEvents.source() + ")", rate(httpEventsPerSecond),
                ratio(httpEventsPerSecond, rawEvents), pgbench, httpEventsPerSecond));
        lines.add(row(httpName + ": exchange CPU ms per lifecycle", Format.ms(http.cpuMsPerLifecycle(), 2),
                ratio(http.cpuMsPerLifecycle(), raw.cpuMsPerLifecycle()), pgbench, Double.NaN));

        for (AppendCeiling.Run run : pgbench.runs()) {
            lines.add(row("pgbench, " + clients(run.clients()) + ": durable appends/s", rate(run.appendsPerSecond()),
                    "", pgbench, run.appendsPerSecond()));
        }
        return lines;
    }

    /** One row; {@code appends} (NaN for a figure that is no append rate) is also shown as a ratio of each pgbench run. */
    private static String row(String figure, String value, String ofRaw, AppendCeiling pgbench, double appends) {
        StringBuilder row = new StringBuilder("| ").append(figure).append(" | ").append(value).append(" | ")
                .append(ofRaw).append(" |");
        for (AppendCeiling.Run run : pgbench.runs()) {
            row.append(' ').append(Double.isNaN(appends) ? "" : ratio(appends, run.appendsPerSecond())).append(" |");
        }
        return row.toString();
    }

    /** {@code part / whole} with three significant digits or so; "-" when either is missing. */
    static String ratio(double part, double whole) {
        if (Double.isNaN(part) || Double.isNaN(whole) || whole == 0) {
            return "-";
        }
        double r = part / whole;
        String pattern = r >= 10 ? "%.1f" : r >= 1 ? "%.2f" : r >= 0.1 ? "%.3f" : r >= 0.01 ? "%.4f" : "%.5f";
        return String.format(Locale.ROOT, pattern, r);
    }

    private static String rate(double rate) {
        return Format.ms(rate, 1);
    }

    private static String clients(int n) {
        return n + (n == 1 ? " client" : " clients");
    }

    private static String threads(int n) {
        return n + (n == 1 ? " thread" : " threads");
    }
}

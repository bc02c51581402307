package org.eprescription.bench.live;

import org.eprescription.bench.common.Distribution;
import org.eprescription.bench.common.Format;
import org.eprescription.bench.common.Window;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.eprescription.bench.common.Format.ms;

/** The results of a live-latency run, for the console and as Markdown rows for docs/benchmarks.md. */
final class LiveReport {

    /** What the run measured, handed to the report once the load is over. */
    record Run(LiveLatencyLoad.Options options, List<LiveStream> streams, Map<String, Track> tracks,
               LoadResult result, Window window, String cpu, long closedAtEnd) {
    }

    private LiveReport() {
    }

    static void print(Run run) {
        LiveLatencyLoad.Options options = run.options();
        List<LiveStream> streams = run.streams();
        LoadResult result = run.result();
        Latencies[] bySteps = latencies(run);
        Latencies total = new Latencies();
        for (Latencies l : bySteps) {
            total.add(l);
        }
        long strays = run.tracks().values().stream().mapToLong(track -> track.strays(streams)).sum();

        double seconds = options.durationSeconds();
        double lifecyclesPerSecond = result.lifecyclesInWindow.get() / seconds;
        double commandsPerSecond = result.commandsInWindow.get() / seconds;
        Distribution lag = result.startLagMicros.distribution();
        long changes = streams.stream().mapToLong(s -> s.changes).sum();
        long unmatched = streams.stream().mapToLong(s -> s.unmatched).sum();
        long unparsed = streams.stream().mapToLong(s -> s.unparsed).sum();
        long heartbeats = streams.stream().mapToLong(s -> s.heartbeats).sum();
        long endedBeforeReport = streams.stream().filter(s -> s.endedNanos != 0).count();
        long notOpened = streams.stream().filter(s -> s.failure != null).count();

        String date = Format.now();
        System.out.println();
        System.out.println("=== Live latency result (" + options.label() + ", " + date + ") ===");
        System.out.printf(Locale.ROOT, "streams            %d requested, %d not opened, %d ended before the end of "
                        + "the window, %d before this report%n", streams.size(), notOpened, run.closedAtEnd(),
                endedBeforeReport);
        streams.stream().filter(s -> s.endedNanos != 0 && s.failure == null).limit(5).forEach(s ->
                System.out.println("    " + s.name() + " ended: " + s.endReason));
        System.out.printf(Locale.ROOT, "stream events      %d change events (%d for prescriptions of other runs, %d "
                + "unparsed, %d on a stream of another institution or pharmacy), %d heartbeats%n", changes, unmatched,
                unparsed, strays, heartbeats);
        System.out.printf(Locale.ROOT, "target rate        %s lifecycles/s, open loop, %d workers%n",
                Format.rate(options.rate()), options.workers());
        System.out.printf(Locale.ROOT, "measured window    %d s (after %d s warmup)%n", options.durationSeconds(),
                options.warmupSeconds());
        System.out.printf(Locale.ROOT, "lifecycles due     %d in the window, %d started in it, %d never started "
                        + "(no free worker before the end)%n", result.dueInWindow.get(),
                result.startedInWindow.get(), result.notStarted.get());
        System.out.printf(Locale.ROOT, "start lag          p50 %s ms, p99 %s ms, max %s ms (how late a due lifecycle "
                + "found a worker)%n", ms(lag.p50()), ms(lag.p99()), ms(lag.max()));
        // sustained: every lifecycle due in the window started in it, 99 % of them less than 1 s late
        boolean sustained = result.startedInWindow.get() == result.dueInWindow.get() && lag.count() > 0
                && lag.p99() < 1000;
        System.out.printf(Locale.ROOT, "rate sustained     %s (every lifecycle due in the window started in it, "
                + "p99 start lag under 1 s)%n", sustained ? "yes" : "NO");
        System.out.printf(Locale.ROOT, "achieved           %.1f lifecycles/s (%d dispenses acknowledged in the "
                        + "window, %.0f %% of the target), %.1f commands/s%n", lifecyclesPerSecond,
                result.lifecyclesInWindow.get(), 100 * lifecyclesPerSecond / options.rate(), commandsPerSecond);
        result.errors.print(System.out);
        System.out.println("cpu in the window  " + run.cpu());

        System.out.println();
        System.out.println("command latency (send -> acknowledgement), commands sent inside the window:");
        System.out.printf(Locale.ROOT, "%-9s %9s %10s %10s %10s %10s%n", "step", "count", "p50 ms", "p90 ms",
                "p99 ms", "max ms");
        Distribution[] commands = new Distribution[3];
        for (int s = 0; s < 3; s++) {
            commands[s] = result.commandMicros[s].distribution();
            System.out.printf(Locale.ROOT, "%-9s %9d %10s %10s %10s %10s%n", LoadResult.STEPS[s], commands[s].count(),
                    ms(commands[s].p50()), ms(commands[s].p90()), ms(commands[s].p99()), ms(commands[s].max()));
        }

        System.out.println();
        System.out.println("acknowledgement -> change event at the subscribed streams (ms; negative = the event "
                + "arrived before the answer), commands acknowledged inside the window:");
        System.out.printf(Locale.ROOT, "%-9s %-11s %8s %9s %9s %9s %9s %9s %9s %9s%n", "step", "subscriber",
                "commands", "count", "min", "p50", "p90", "p99", "max", "negative");
        String[] names = {"issue", "accept", "dispense", "all"};
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Latencies l = i < 3 ? bySteps[i] : total;
            Distribution first = l.first.distribution();
            Distribution all = l.all.distribution();
            Distribution each = l.deliveries.distribution();
            System.out.printf(Locale.ROOT, "%-9s %-11s %8d %9d %9s %9s %9s %9s %9s %9d%n", names[i], "first",
                    l.commands, first.count(), ms(first.min()), ms(first.p50()), ms(first.p90()), ms(first.p99()),
                    ms(first.max()), l.negativeFirst);
            System.out.printf(Locale.ROOT, "%-9s %-11s %8s %9d %9s %9s %9s %9s %9s %9s%n", "", "all", "",
                    all.count(), ms(all.min()), ms(all.p50()), ms(all.p90()), ms(all.p99()), ms(all.max()), "");
            System.out.printf(Locale.ROOT, "%-9s %-11s %8s %9d %9s %9s %9s %9s %9s %9d%n", "", "each", "",
                    each.count(), ms(each.min()), ms(each.p50()), ms(each.p90()), ms(each.p99()), ms(each.max()),
                    l.negativeDeliveries);
            System.out.printf(Locale.ROOT, "%-9s %-11s deliveries expected %d, missed %d (%d arrived later than %d "
                            + "s); commands no subscriber got in time %d, not every subscriber %d%s%n", "", "",
                    l.expected, l.missed, l.late, options.missTimeoutSeconds(), l.noneInTime, l.incomplete,
                    l.noSubscribers == 0 ? "" : ", with no stream to watch them " + l.noSubscribers);
            if (i < 3) {
                l.missedExamples.forEach(m -> System.out.println("    missed: " + m));
            }
            rows.add(String.format(Locale.ROOT, "| %s | %s | %d | %s / %s / %s / %s | %s / %s / %s / %s | %s / %s / %s "
                            + "/ %s | %s | %d of %d | %d of %d | %d |", options.label(), names[i], l.commands,
                    ms(first.p50()), ms(first.p90()), ms(first.p99()), ms(first.max()),
                    ms(each.p50()), ms(each.p90()), ms(each.p99()), ms(each.max()),
                    ms(all.p50()), ms(all.p90()), ms(all.p99()), ms(all.max()),
                    ms(each.min()), l.negativeDeliveries, each.count(), l.missed, l.expected, l.incomplete));
        }

        System.out.println();
        System.out.println(Format.MARKDOWN_BEGIN);
        System.out.println("| Date | Run | Streams | Target/s | Achieved lifecycles/s | Commands/s | Due / started "
                + "in the window | Start lag p99 ms | Sustained | Errors | CPU in the window |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---|---|---|");
        System.out.printf(Locale.ROOT, "| %s | %s | %d (%d not opened, %d ended early) | %s | %.1f | %.1f | %d / %d "
                        + "| %s | %s | %s | %s |%n", date.substring(0, 10), options.label(), streams.size(), notOpened,
                run.closedAtEnd(), Format.rate(options.rate()), lifecyclesPerSecond, commandsPerSecond,
                result.dueInWindow.get(), result.startedInWindow.get(), ms(lag.p99()), sustained ? "yes" : "no",
                result.errors.cell(), run.cpu());
        System.out.println();
        System.out.println("| Run | Step | Commands | First subscriber p50 / p90 / p99 / max ms | Each delivery "
                + "p50 / p90 / p99 / max ms | All subscribers p50 / p90 / p99 / max ms | Min ms | Deliveries before "
                + "the answer | Missed deliveries | Commands not on every stream |");
        System.out.println("|---|---|---:|---|---|---|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
        System.out.println();
        System.out.println("| Run | Step | Count | Command p50 ms | p90 ms | p99 ms | max ms |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        for (int s = 0; s < 3; s++) {
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s |%n", options.label(),
                    LoadResult.STEPS[s], commands[s].count(), ms(commands[s].p50()), ms(commands[s].p90()),
                    ms(commands[s].p99()), ms(commands[s].max()));
        }
        System.out.println(Format.MARKDOWN_END);
    }

    /**
     * Per step, over the commands acknowledged inside the window: issue is expected on the institution's streams,
     * accept and dispense on the institution's and the pharmacy's.
     */
    private static Latencies[] latencies(Run run) {
        Map<Integer, List<LiveStream>> byInstitution = new HashMap<>();
        Map<Integer, List<LiveStream>> byPharmacy = new HashMap<>();
        for (LiveStream s : run.streams()) {
            (s.institution ? byInstitution : byPharmacy).computeIfAbsent(s.owner, k -> new ArrayList<>()).add(s);
        }
        long missNanos = TimeUnit.SECONDS.toNanos(run.options().missTimeoutSeconds());
        Latencies[] bySteps = {new Latencies(), new Latencies(), new Latencies()};
        for (Map.Entry<String, Track> entry : run.tracks().entrySet()) {
            Track track = entry.getValue();
            for (int step = 0; step < 3; step++) {
                long ack = track.ackNanos[step];
                if (ack == 0 || !run.window().contains(ack)) {
                    continue;
                }
                List<LiveStream> expected = new ArrayList<>(byInstitution.getOrDefault(track.institution, List.of()));
                if (step > 0) {
                    expected.addAll(byPharmacy.getOrDefault(track.pharmacy, List.of()));
                }
                bySteps[step].command(entry.getKey(), track, ack, track.answeredVersion[step], expected, missNanos);
            }
        }
        return bySteps;
    }
}

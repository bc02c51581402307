package org.eprescription.bench;

import org.eprescription.bench.common.Benchmark;
import org.eprescription.bench.common.UsageException;
import org.eprescription.bench.duplicates.DuplicateCheckLoad;
import org.eprescription.bench.lifecycle.LifecycleLoad;
import org.eprescription.bench.live.LiveLatencyLoad;
import org.eprescription.bench.rebuild.RebuildBench;
import org.eprescription.bench.table.CeilingTable;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The load clients of bench/run-*.sh, one jar: {@code java -jar bench/target/bench.jar PROGRAM [options]}. Each
 * load program talks to an exchange that is already running, on a loopback address only; {@code table} only reads
 * the printed results of bench/run-table.sh's runs. Exit status: 0 done (the
 * figures are printed, nothing is asserted), 1 the run could not go on (e.g. no token), 2 a usage error.
 */
public final class Bench {

    private static final Map<String, Supplier<Benchmark>> PROGRAMS = new TreeMap<>(Map.of(
            "lifecycle", LifecycleLoad::new,
            "duplicate-checks", DuplicateCheckLoad::new,
            "live-latency", LiveLatencyLoad::new,
            "rebuild", RebuildBench::new,
            "table", CeilingTable::new));

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Supplier<Benchmark> program = args.length == 0 ? null : PROGRAMS.get(args[0]);
        if (program == null) {
            System.err.println("usage: java -jar bench.jar " + String.join("|", PROGRAMS.keySet())
                    + " [options]  (-h after a program for its options)");
            System.exit(2);
        }
        Benchmark benchmark = program.get();
        if (Arrays.asList(args).contains("-h") || Arrays.asList(args).contains("--help")) {
            System.err.println(benchmark.usage());
            System.exit(0);
        }
        try {
            benchmark.run(Arrays.copyOfRange(args, 1, args.length));
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(benchmark.usage());
            System.exit(2);
        } catch (IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
        // the clients' threads and HTTP connections must not keep the JVM alive
        System.exit(0);
    }
}

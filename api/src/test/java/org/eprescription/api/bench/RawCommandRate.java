package org.eprescription.api.bench;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eprescription.PrescriptionExchangeApplication;
import org.eprescription.core.code.ExchangeCodes;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The raw Axon command rate on this store, the ceiling of bench/run-raw-commands.sh (docs/benchmarks.md, "Ceilings
 * and the one-command table"): the exchange's own Spring context (its aggregates, command bus, JDBC event store,
 * subscribing processors and projections, everything but scheduled sweeps) against the database the arguments name,
 * driven in-process by {@code --clients} threads that loop {@link RawLifecycle}s through the command gateway: no
 * HTTP, no tokens, no idempotency records, no access log, no waiting for the views. Counts what completed in the
 * measured window, and the JVM's process CPU time over it (the calling threads included: they only build commands).
 *
 * <p>Run by the script, not by the build: {@code bench/run-raw-commands.sh}. Options {@code --clients 16
 * --warmup 30 --duration 60 --report FILE}; every other argument goes to the application (e.g.
 * {@code --spring.datasource.url=...}). The report goes to stdout and, with {@code --report}, to that file.
 */
public final class RawCommandRate {

    private final int clients;
    private final int warmupSeconds;
    private final int durationSeconds;
    private final LongAdder lifecycles = new LongAdder();
    private final LongAdder commands = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    private RawCommandRate(int clients, int warmupSeconds, int durationSeconds) {
        this.clients = clients;
        this.warmupSeconds = warmupSeconds;
        this.durationSeconds = durationSeconds;
    }

    public static void main(String[] args) throws Exception {
        int clients = 16;
        int warmup = 30;
        int duration = 60;
        Path report = null;
        List<String> application = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clients" -> clients = whole(args, ++i, 1);
                case "--warmup" -> warmup = whole(args, ++i, 0);
                case "--duration" -> duration = whole(args, ++i, 1);
                case "--report" -> report = Path.of(value(args, ++i));
                default -> application.add(args[i]);
            }
        }
        application.add("--exchange.scheduling.enabled=false");
        int status;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(
                PrescriptionExchangeApplication.class).run(application.toArray(String[]::new))) {
            String result = new RawCommandRate(clients, warmup, duration).measure(context);
            System.out.print(result);
            if (report != null) {
                Files.writeString(report, result, StandardCharsets.UTF_8);
            }
            status = 0;
        } catch (IOException | RuntimeException e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private String measure(ConfigurableApplicationContext context) throws InterruptedException {
        RawLifecycle lifecycle = new RawLifecycle(context.getBean(CommandGateway.class),
                context.getBean(ExchangeCodes.class));
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        RawLifecycle.Tally tally = new RawLifecycle.Tally() {
            @Override
            public void succeeded(int step) {
                commands.increment();
            }

            @Override
            public void failed(int step, RuntimeException failure) {
                errors.increment();
                LongAdder kind = errorKinds.computeIfAbsent(
                        RawLifecycle.STEPS[step] + " " + rootCause(failure).getClass().getSimpleName(),
                        k -> new LongAdder());
                if (kind.sum() == 0) {
                    failure.printStackTrace();   // the first of its kind, into the log
                }
                kind.increment();
            }
        };
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> {
                while (running) {
                    if (lifecycle.run(tally)) {
                        lifecycles.increment();
                    }
                }
            }, "raw-client-" + i);
            threads.add(thread);
            thread.start();
        }
        System.err.printf(Locale.ROOT, "raw command rate: %d threads, %d s warmup + %d s measured%n", clients,
                warmupSeconds, durationSeconds);
        TimeUnit.SECONDS.sleep(warmupSeconds);
        Snapshot start = Snapshot.take(this, jdbc);
        TimeUnit.SECONDS.sleep(durationSeconds);
        Snapshot end = Snapshot.take(this, jdbc);
        running = false;
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
        long events = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE globalindex > ? "
                + "AND globalindex <= ?", Long.class, start.globalIndex(), end.globalIndex());
        return report(start, end, events);
    }

    private String report(Snapshot start, Snapshot end, long events) {
        double seconds = (end.nanos() - start.nanos()) / 1e9;
        long lifecycleCount = end.lifecycles() - start.lifecycles();
        long commandCount = end.commands() - start.commands();
        double cpuMs = (end.cpuNanos() - start.cpuNanos()) / 1e6;
        StringBuilder out = new StringBuilder();
        Lines line = (format, values) -> out.append(String.format(Locale.ROOT, format, values)).append('\n');
        line.print("=== Raw Axon command rate (%d threads, in-process CommandGateway, no HTTP) ===", clients);
        line.print("clients            %d", clients);
        line.print("measured window    %.1f s (after %d s warmup)", seconds, warmupSeconds);
        line.print("lifecycles         %d", lifecycleCount);
        line.print("lifecycles/s       %.1f", lifecycleCount / seconds);
        line.print("commands/s         %.1f  (%d successful commands, 3 per lifecycle)", commandCount / seconds,
                commandCount);
        line.print("errors             %d in the window, %d in all%s", end.errors() - start.errors(), errors.sum(),
                errorKinds.isEmpty() ? "" : " " + new TreeMap<>(errorKinds));
        line.print("events appended    %d  (%.1f/s, %.2f per lifecycle, %.2f per command)", events, events / seconds,
                lifecycleCount == 0 ? Double.NaN : (double) events / lifecycleCount,
                commandCount == 0 ? Double.NaN : (double) events / commandCount);
        // the line bench/run-lifecycle.sh prints for the exchange over its window, so both parse alike
        line.print("%-11s %8.1f s CPU, %5.2f ms per lifecycle, %4.0f %% of one core", "exchange", cpuMs / 1000,
                lifecycleCount == 0 ? Double.NaN : cpuMs / lifecycleCount, cpuMs / 10 / seconds);
        line.print("(the JVM's process CPU time over the window: Axon, the store, projections and the %d calling "
                + "threads; PostgreSQL's is not in it)", clients);
        return out.toString();
    }

    @FunctionalInterface
    private interface Lines {
        void print(String format, Object... values);
    }

    /** The counters, the clock, the JVM's CPU time and the store's last global index at one moment. */
    private record Snapshot(long nanos, long lifecycles, long commands, long errors, long cpuNanos,
                            long globalIndex) {

        static Snapshot take(RawCommandRate rate, JdbcTemplate jdbc) {
            long globalIndex = jdbc.queryForObject("SELECT coalesce(max(globalindex), 0) FROM domainevententry",
                    Long.class);
            return new Snapshot(System.nanoTime(), rate.lifecycles.sum(), rate.commands.sum(), rate.errors.sum(),
                    processCpuNanos(), globalIndex);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("missing value for " + args[i - 1]);
        }
        return args[i];
    }

    private static int whole(String[] args, int i, int min) {
        int n = Integer.parseInt(value(args, i));
        if (n < min) {
            throw new IllegalArgumentException(args[i - 1] + " must be >= " + min);
        }
        return n;
    }
}

package org.eprescription.bench.live;

import org.eprescription.bench.common.ApiClient;
import org.eprescription.bench.common.Args;
import org.eprescription.bench.common.Benchmark;
import org.eprescription.bench.common.Format;
import org.eprescription.bench.common.Staff;
import org.eprescription.bench.common.Tokens;
import org.eprescription.bench.common.Window;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Live-stream latency benchmark: how long after a command's acknowledgement the change reaches the clients that
 * watch it over Server-Sent Events, with many streams open and lifecycles (issue -> accept -> dispense) started at
 * a fixed rate.
 *
 * <p>What it does, in order:
 * <ol>
 *   <li>fetches one local token per prescriber and pharmacist it acts as ({@link Staff}), unmeasured;</li>
 *   <li>opens {@code --streams} live streams before any load ({@link LiveStream#openAll}), round robin over the
 *       institutions and pharmacies, so that each is watched by several streams (1,000 streams over 50 + 50: 10
 *       each), and waits for every stream's {@code snapshot};</li>
 *   <li>starts lifecycles <em>open loop</em>: lifecycle k is due at {@code start + k / rate}, whatever happened to
 *       the earlier ones, and is run by the first free worker of a fixed pool ({@code --workers}); a lifecycle
 *       that finds no free worker waits in the queue, and how late it started is reported (start lag);</li>
 *   <li>for each command records when its answer arrived (the <em>acknowledgement</em>) and the {@code version}
 *       the answer shows; every stream records, for every {@code change} event, when its {@code data:} line
 *       arrived, with the event's {@code prescriptionId} and {@code version};</li>
 *   <li>after the window, waits {@code --miss-timeout-seconds} for late events, then works out per command and
 *       per subscriber that should see the change the first event of that prescription with a version at least
 *       the answered one: latency = its arrival - the acknowledgement. It can be negative (the event beat the
 *       answer): such values are kept and counted, not clamped. A subscriber that got nothing within the miss
 *       timeout is a <em>missed</em> delivery.</li>
 * </ol>
 *
 * <p>Both times come from {@code System.nanoTime()} in this one JVM, each taken in the HTTP client's body
 * subscriber when the bytes were handed over (the answer's last bytes, the event's data line), so both include
 * the same kind of client-side delay. With {@code --app-pid} and {@code --database}, the CPU used in the window
 * (from /proc) by the whole machine, the exchange, this program, PostgreSQL and everything else. Nothing is asserted.
 */
public final class LiveLatencyLoad implements Benchmark {

    record Options(String url, int streams, double rate, int workers, int durationSeconds, int warmupSeconds,
                   int missTimeoutSeconds, int requestTimeoutSeconds, int openConcurrency, int institutions,
                   int pharmacies, long appPid, String database, String label, boolean idempotencyKeys) {

        static Options of(Args args) {
            String url = ApiClient.baseUrl(args.text("--url", ApiClient.DEFAULT_URL));
            int streams = args.whole("--streams", 1000, 0);
            double rate = args.positiveNumber("--rate", 200);
            // default: enough for lifecycles of up to 4 s each at the target rate, at least 32
            int workers = args.whole("--workers", (int) Math.max(32, Math.min(1000, Math.ceil(rate * 4))), 1);
            Options options = new Options(url, streams, rate, workers,
                    args.whole("--duration-seconds", 60, 1),
                    args.whole("--warmup-seconds", 10, 0),
                    args.whole("--miss-timeout-seconds", 5, 1),
                    args.whole("--request-timeout-seconds", 30, 1),
                    args.whole("--open-concurrency", 16, 1),
                    args.whole("--institutions", 50, 1, 99),
                    args.whole("--pharmacies", 50, 1, 99),
                    args.whole("--app-pid", 0, 0),
                    args.text("--database", null),
                    args.text("--label", String.format(Locale.ROOT, "%d streams, %s lifecycles/s", streams,
                            Format.rate(rate))),
                    args.yes("--idempotency-keys", true));
            args.finish();
            return options;
        }

        Staff staff() {
            return new Staff(institutions, 4, pharmacies, 3);
        }
    }

    @Override
    public String usage() {
        return """
                usage: java -jar bench.jar live-latency [--url http://127.0.0.1:PORT/api/v1] [--streams 1000]
                       [--rate 200] [--workers N] [--duration-seconds 60] [--warmup-seconds 10]
                       [--miss-timeout-seconds 5] [--request-timeout-seconds 30] [--open-concurrency 16]
                       [--institutions 50] [--pharmacies 50] [--app-pid PID] [--database NAME] [--label text]
                       [--idempotency-keys yes]
                --rate: lifecycles (issue -> accept -> dispense) started per second, open loop, by a pool
                of --workers threads (default 4 x rate, at least 32, at most 1000).
                --app-pid: the exchange's pid, to report the CPU it used; --database: the exchange's
                database, to tell its PostgreSQL processes from the others'.
                --idempotency-keys no: commands without an Idempotency-Key (by default each has a fresh one).""";
    }

    @Override
    public void run(String[] arguments) throws Exception {
        Options options = Options.of(Args.parse(arguments));
        ApiClient api = new ApiClient(options.url(), Duration.ofSeconds(options.requestTimeoutSeconds()));
        System.out.printf(Locale.ROOT, "Live latency load: %s, %d streams, target %s lifecycles/s (open loop, %d "
                        + "workers), %d s warmup + %d s measured, miss timeout %d s%n", options.url(),
                options.streams(), Format.rate(options.rate()), options.workers(), options.warmupSeconds(),
                options.durationSeconds(), options.missTimeoutSeconds());
        Tokens tokens = new Tokens(api);
        options.staff().fetchTokens(tokens, false, 8);
        // prescriptions of this run by id, registered before their issue is sent (an event may beat the answer)
        Map<String, Track> tracks = new ConcurrentHashMap<>();
        List<LiveStream> streams = LiveStream.openAll(options.url(), options, tokens, tracks);
        long open = streams.stream().filter(LiveStream::open).count();
        if (open < streams.size()) {
            System.out.println("!!! only " + open + " of " + streams.size() + " streams are open: the figures "
                    + "count the others' deliveries as missed !!!");
        }

        LoadResult result = new LoadResult();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(options.workers(), options.workers(), 60,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "lifecycle");
                    t.setDaemon(true);
                    return t;
                });
        workers.prestartAllCoreThreads();
        Window window = Window.fromNow(options.warmupSeconds(), options.durationSeconds());
        CpuSample[] cpu = new CpuSample[2];
        schedule(options, window, lifecycle -> workers.execute(new Lifecycle(api, options.staff(), tokens, tracks,
                result, lifecycle, window, options.idempotencyKeys())), () -> {
            if (cpu[0] == null && window.measured(System.nanoTime())) {
                cpu[0] = CpuSample.take(options.appPid(), options.database());
            }
        }, (now, due) -> System.out.printf(Locale.ROOT, "  %s: %d lifecycles due so far, %d in flight, %d waiting "
                        + "for a worker, %d change events received%n", window.progress(now), due,
                result.inFlight.get(), workers.getQueue().size(), streams.stream().mapToLong(s -> s.changes).sum()),
                result);
        long left = window.end() - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
        if (cpu[0] == null) {
            cpu[0] = CpuSample.take(options.appPid(), options.database());
        }
        cpu[1] = CpuSample.take(options.appPid(), options.database());
        long closedAtEnd = streams.stream().filter(s -> s.endedNanos != 0).count();
        workers.shutdown();
        long graceMillis = TimeUnit.SECONDS.toMillis(options.requestTimeoutSeconds()) * 3 + 5_000;
        if (!workers.awaitTermination(graceMillis, TimeUnit.MILLISECONDS)) {
            System.err.println("warning: lifecycles still running " + graceMillis + " ms after the end; interrupting");
            workers.shutdownNow();
            workers.awaitTermination(5, TimeUnit.SECONDS);
        }
        // the last measured commands may still have events on the way
        TimeUnit.SECONDS.sleep(options.missTimeoutSeconds() + 1);

        LiveReport.print(new LiveReport.Run(options, streams, tracks, result, window,
                CpuSample.line(cpu[0], cpu[1], options.appPid(), options.database()), closedAtEnd));
    }

    interface Progress {
        void print(long now, long due);
    }

    interface Start {
        void lifecycleDueAt(long nanos);
    }

    /**
     * The open-loop schedule: lifecycle k is due at {@code begin + k / rate}, whatever became of the earlier ones;
     * {@code tick} runs while waiting, progress is printed every 10 s.
     */
    private static void schedule(Options options, Window window, Start start, Runnable tick, Progress progress,
                                 LoadResult result) {
        double periodNanos = 1e9 / options.rate();
        long nextReport = window.begin() + TimeUnit.SECONDS.toNanos(10);
        for (long k = 0; ; k++) {
            long due = window.begin() + (long) (k * periodNanos);
            if (window.over(due)) {
                return;
            }
            long now;
            while ((now = System.nanoTime()) < due) {
                tick.run();
                LockSupport.parkNanos(Math.min(due - now, 50_000_000L));
            }
            tick.run();
            if (window.measured(due)) {
                result.dueInWindow.incrementAndGet();
            }
            start.lifecycleDueAt(due);
            if (now >= nextReport) {
                nextReport += TimeUnit.SECONDS.toNanos(10);
                progress.print(now, k + 1);
            }
        }
    }
}

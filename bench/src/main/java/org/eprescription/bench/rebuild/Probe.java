package org.eprescription.bench.rebuild;

import org.eprescription.bench.common.Answer;
import org.eprescription.bench.common.ApiClient;
import org.eprescription.bench.common.Distribution;
import org.eprescription.bench.common.Format;
import org.eprescription.bench.common.Samples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads one prescription every few milliseconds as an auditor while a replay runs ("the live view still
 * answering"), on a client of its own, and records each read's latency and outcome.
 */
final class Probe implements AutoCloseable {

    private final Samples micros = new Samples();
    private final Map<String, Long> failures = new TreeMap<>();
    private final List<String> failureSamples = new ArrayList<>();
    private long reads;
    private final ScheduledExecutorService reader;

    Probe(String base, String prescriptionId, int everyMillis, String auditor) {
        ApiClient api = new ApiClient(base, Duration.ofSeconds(30));
        reader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "probe");
            t.setDaemon(true);
            return t;
        });
        reader.scheduleAtFixedRate(() -> {
            Answer answer = api.get("/prescriptions/" + prescriptionId, auditor);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            String outcome = answer.failed() ? "io-error" : Integer.toString(answer.status());
            if (answer.status() == 200 && !answer.body().contains(prescriptionId)) {
                outcome = "200-without-the-prescription";
            }
            record(answer.micros(), outcome, answer.body());
        }, 0, everyMillis, TimeUnit.MILLISECONDS);
    }

    private synchronized void record(long latencyMicros, String outcome, String body) {
        reads++;
        micros.add(latencyMicros);
        if (!"200".equals(outcome)) {
            failures.merge(outcome, 1L, Long::sum);
            if (failureSamples.size() < 5) {
                failureSamples.add(outcome + " " + Format.flat(body, 200));
            }
        }
    }

    synchronized Distribution latencies() {
        return micros.distribution();
    }

    synchronized long reads() {
        return reads;
    }

    synchronized String failures() {
        return failures.isEmpty() ? "none" : failures.toString();
    }

    synchronized String summary() {
        Distribution d = micros.distribution();
        if (d.count() == 0) {
            return "no reads";
        }
        return String.format(Locale.ROOT, "%d reads, p50 %.1f ms, p99 %.1f ms, max %.1f ms, non-200: %s", reads,
                d.p50(), d.p99(), d.max(), failures());
    }

    synchronized List<String> failureSamples() {
        return List.copyOf(failureSamples);
    }

    @Override
    public void close() throws InterruptedException {
        reader.shutdownNow();
        reader.awaitTermination(35, TimeUnit.SECONDS);
    }
}

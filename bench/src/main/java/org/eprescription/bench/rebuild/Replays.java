package org.eprescription.bench.rebuild;

import org.eprescription.bench.common.Answer;
import org.eprescription.bench.common.ApiClient;
import org.eprescription.bench.common.Tokens;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading the store, replaying projections and verifying them through the admin API. A replay is started with
 * {@code POST /admin/projections/{name}/replay} and followed with {@code GET /admin/projections} until it is over,
 * while a {@link Probe} reads a template prescription; then, unless told not to, the projection is verified
 * ({@code POST /admin/projections/{name}/verify}, expected: 0 differences).
 */
final class Replays {

    private static final Pattern PROJECTION = Pattern.compile("\\{\"name\"\\s*:\\s*\"([^\"]+)\"(.*?)"
            + "\"lastReplay\"\\s*:\\s*(null|\\{[^}]*\\})");

    /** A projection as GET /admin/projections shows it. */
    private record Poll(String state, long eventsDone, long eventsTotal, long eventsPerSecond, String lastReplay) {

        /** Whether the replay started after {@code before} was taken is over. */
        boolean doneSince(String before) {
            return !"REPLAYING".equals(state) && !lastReplay.equals(before);
        }
    }

    private final ApiClient api;
    private final String auditor;

    Replays(ApiClient api, Tokens tokens) {
        this.api = api;
        this.auditor = tokens.auditor("AUD-1");
    }

    /** {@code GET /audit/events}: every event as NDJSON, counted as it streams in. */
    void read() throws Exception {
        long started = System.nanoTime();
        HttpResponse<InputStream> answer = api.http().send(HttpRequest.newBuilder(api.uri("/audit/events"))
                .header("Authorization", auditor).header("Accept", "application/x-ndjson").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long lines = 0;
        long bytes = 0;
        byte[] buffer = new byte[256 * 1024];
        try (InputStream body = answer.body()) {
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                bytes += read;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET /audit/events answered " + answer.statusCode());
        }
        // the last line is not an event: it says the export is complete (docs/operations.md, "Audit")
        long events = lines - 1;
        System.out.printf(Locale.ROOT, "GET /audit/events: %d events (%.0f MiB NDJSON) in %.1f s = %.0f events/s%n",
                events, bytes / 1048576.0, seconds, events / seconds);
    }

    void replays(List<String> projections, String probeId, int probeMillis, boolean verify, boolean together)
            throws Exception {
        Answer first = api.get("/prescriptions/" + probeId, auditor);
        if (first.status() != 200) {
            throw new IllegalStateException("the probe's prescription " + probeId + " answers " + first.status());
        }
        if (together) {
            replayTogether(projections, probeId, probeMillis, verify);
            return;
        }
        List<String> rows = new ArrayList<>();
        for (String name : projections) {
            rows.add(replay(name, probeId, probeMillis, verify));
        }
        System.out.println();
        System.out.println("| projection | events | wall time | events/s (events / wall) | server's replay time | "
                + "probe reads | p50 | p99 | max | non-200 | verify |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        rows.forEach(System.out::println);
    }

    /**
     * Every projection rebuilt in one operation ({@code POST /admin/projections/replay}: one pass over the store, one
     * swap), timed until the last is done: how long rebuilding all projections takes, and the store's events per
     * second over that time.
     */
    private void replayTogether(List<String> projections, String probeId, int probeMillis, boolean verify)
            throws Exception {
        System.out.println();
        System.out.println("=== replay of " + String.join(" and ", projections) + " together ===");
        Map<String, String> lastReplayBefore = new TreeMap<>();
        for (String name : projections) {
            lastReplayBefore.put(name, poll(name).lastReplay());
        }
        long started = System.nanoTime();
        Map<String, String> finished = new TreeMap<>();
        Map<String, Double> finishedAfter = new TreeMap<>();
        double wall;
        try (Probe probe = new Probe(api.base(), probeId, probeMillis, auditor)) {
            startAll();
            long lastPrint = 0;
            while (finished.size() < projections.size()) {
                Thread.sleep(250);
                long elapsed = System.nanoTime() - started;
                StringBuilder line = new StringBuilder();
                for (String name : projections) {
                    if (finished.containsKey(name)) {
                        continue;
                    }
                    Poll now = poll(name);
                    if (now.doneSince(lastReplayBefore.get(name))) {
                        finished.put(name, now.lastReplay());
                        finishedAfter.put(name, elapsed / 1e9);
                    } else {
                        line.append(String.format(Locale.ROOT, "  %s %,d / %,d (%,d events/s)", name,
                                now.eventsDone(), now.eventsTotal(), now.eventsPerSecond()));
                    }
                }
                if (elapsed - lastPrint > 10_000_000_000L) {
                    lastPrint = elapsed;
                    System.out.printf(Locale.ROOT, "  %5.0f s%s  probe p99 so far %.1f ms%n", elapsed / 1e9, line,
                            probe.latencies().p99());
                }
            }
            wall = (System.nanoTime() - started) / 1e9;
            // one more second of probing after the swap: the live view must answer right after it too
            Thread.sleep(1000);
            probe.close();
            long storeEvents = 0;
            for (String name : projections) {
                String last = finished.get(name);
                long events = Long.parseLong(field(last, "events"));
                storeEvents = Math.max(storeEvents, events);
                System.out.printf(Locale.ROOT, "  %s: outcome %s, %,d events, done after %.1f s%n", name,
                        field(last, "outcome"), events, finishedAfter.get(name));
            }
            System.out.printf(Locale.ROOT, "  all %d projections rebuilt from %,d events in %.1f s wall = %,.0f "
                    + "events/s%n", projections.size(), storeEvents, wall, storeEvents / wall);
            printProbe(probe, probeId, probeMillis);
        }
        if (verify) {
            for (String name : projections) {
                verify(name);
            }
        }
    }

    private String replay(String name, String probeId, int probeMillis, boolean verify) throws Exception {
        System.out.println();
        System.out.println("=== replay of " + name + " ===");
        String lastReplayBefore = poll(name).lastReplay();
        long started = System.nanoTime();
        Poll now;
        double wall;
        try (Probe probe = new Probe(api.base(), probeId, probeMillis, auditor)) {
            start(name);
            long lastPrint = 0;
            while (true) {
                Thread.sleep(250);
                now = poll(name);
                long elapsed = System.nanoTime() - started;
                if (now.doneSince(lastReplayBefore)) {
                    break;
                }
                if (elapsed - lastPrint > 10_000_000_000L) {
                    lastPrint = elapsed;
                    System.out.printf(Locale.ROOT, "  %5.0f s  %,d / %,d events  %,d events/s (server)  probe p99 so "
                                    + "far %.1f ms%n", elapsed / 1e9, now.eventsDone(), now.eventsTotal(),
                            now.eventsPerSecond(), probe.latencies().p99());
                }
            }
            wall = (System.nanoTime() - started) / 1e9;
            // one more second of probing after the swap: the live view must answer right after it too
            Thread.sleep(1000);
            probe.close();

            String last = now.lastReplay();
            String outcome = field(last, "outcome");
            long events = Long.parseLong(field(last, "events"));
            double serverSeconds = Duration.between(Instant.parse(field(last, "startedAt")),
                    Instant.parse(field(last, "finishedAt"))).toNanos() / 1e9;
            System.out.printf(Locale.ROOT, "  outcome %s: %,d events in %.1f s wall (POST to seen done) = %,.0f "
                            + "events/s; the server's replay took %.1f s = %,.0f events/s%n", outcome, events, wall,
                    events / wall, serverSeconds, events / serverSeconds);
            printProbe(probe, probeId, probeMillis);
            if (!"COMPLETED".equals(outcome)) {
                System.out.println("  !!! replay did not complete: " + last);
            }
            String verified = verify && "COMPLETED".equals(outcome) ? verify(name) : "not run";
            return String.format(Locale.ROOT, "| %s | %,d | %.1f s | %,.0f | %.1f s | %d | %.1f ms | %.1f ms | %.1f ms "
                            + "| %s | %s |", name, events, wall, events / wall, serverSeconds, probe.reads(),
                    probe.latencies().p50(), probe.latencies().p99(), probe.latencies().max(), probe.failures(),
                    verified);
        }
    }

    /** Starts the projection's replay. */
    private void start(String name) {
        expectStarted(api.post("/admin/projections/" + name + "/replay", "", auditor), "replay of " + name);
    }

    /** Starts the replay of every projection, in one pass over the store. */
    private void startAll() {
        expectStarted(api.post("/admin/projections/replay", "", auditor), "replay of all projections");
    }

    private static void expectStarted(Answer answer, String what) {
        if (answer.status() != 202) {
            throw new IllegalStateException("POST " + what + " answered " + answer.status() + " " + answer.body());
        }
    }

    private static void printProbe(Probe probe, String probeId, int probeMillis) {
        System.out.println("  probe GET /prescriptions/" + probeId + " every " + probeMillis + " ms: "
                + probe.summary());
        probe.failureSamples().forEach(s -> System.out.println("    " + s));
    }

    String verify(String name) {
        Answer answer = api.send("POST", "/admin/projections/" + name + "/verify", null, auditor,
                Duration.ofHours(2));
        if (answer.status() != 200) {
            System.out.println("  verify of " + name + " answered " + answer.status() + " " + answer.body());
            return "answered " + answer.status();
        }
        String differences = field(answer.body(), "differences");
        System.out.printf(Locale.ROOT, "  verify of %s: %s differences at position %s (%.1f s)%n", name, differences,
                field(answer.body(), "position"), answer.micros() / 1e6);
        if (!"0".equals(differences)) {
            String body = answer.body();
            System.out.println("  !!! differences: " + (body.length() > 3000 ? body.substring(0, 3000) : body));
        }
        return differences + " differences";
    }

    private Poll poll(String name) {
        Answer answer = api.get("/admin/projections", auditor);
        if (answer.status() != 200) {
            throw new IllegalStateException("GET /admin/projections answered " + answer.status() + " "
                    + answer.body());
        }
        Matcher m = PROJECTION.matcher(answer.body());
        while (m.find()) {
            if (m.group(1).equals(name)) {
                String rest = m.group(2);
                long done = 0;
                long total = 0;
                long rate = 0;
                int progress = rest.indexOf("\"progress\":{");
                if (progress >= 0) {
                    String p = rest.substring(progress);
                    done = Long.parseLong(field(p, "eventsDone"));
                    total = Long.parseLong(field(p, "eventsTotal"));
                    rate = Long.parseLong(field(p, "eventsPerSecond"));
                }
                return new Poll(field(rest, "state"), done, total, rate, m.group(3));
            }
        }
        throw new IllegalStateException("no projection " + name + " in " + answer.body());
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"([^\"]*)\"|[-0-9.]+|null|true|false)")
                .matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }
}

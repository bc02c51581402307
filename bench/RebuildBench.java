import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side of bench/run-rebuild.sh (single-file, JDK only, loopback addresses only). Three commands:
 *
 * <ul>
 *   <li>{@code templates --url U --out FILE}: runs a handful of real prescription lifecycles through the API (issue,
 *   accept, dispense with and without refills, partial dispensing, generic substitution, cancellations, a release and
 *   a second pharmacy, an interaction alert acknowledged) and a consent, with placeholder identities
 *   ({@code PATIENT-TMPL-nn}, {@code DOCTOR-TMPL}, {@code HOSPITAL-TMPL}, {@code PHARMA-TMPL-A/B},
 *   {@code CHEMIST-TMPL-A/B}) that the SQL loader replaces in every clone. Writes one tab-separated line per template:
 *   id, name, weight, prescription id (or the consent aggregate), patient id.</li>
 *   <li>{@code read --url U}: streams {@code GET /audit/events} (NDJSON) and counts the lines: the store's read speed
 *   through the application, for comparison with a rebuild.</li>
 *   <li>{@code replay --url U --projections a,b --probe-id ID}: for each projection in turn, starts
 *   {@code POST /admin/projections/{name}/replay}, polls {@code GET /admin/projections} until the replay is over, and
 *   meanwhile reads {@code GET /prescriptions/{probe-id}} every {@code --probe-ms} (100) as an auditor, recording
 *   latency and status ("the live view still answering"). Then, unless {@code --verify no}, verifies the projection
 *   ({@code POST /admin/projections/{name}/verify}, expected: 0 differences). With {@code --together yes} every
 *   projection's replay is started at once, and the time until the last is done is reported as well.</li>
 * </ul>
 * Every request carries a local token of the exchange ({@code POST /local-tokens}).
 */
public class RebuildBench {

    static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern EXCHANGE_CODE = Pattern.compile("\"exchangeCode\"\\s*:\\s*\"([0-9-]+)\"");
    static final Pattern ALERT_ID = Pattern.compile("\"alertId\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

    static final String PRESCRIBER = "DOCTOR-TMPL";
    static final String INSTITUTION = "HOSPITAL-TMPL";
    static final String PHARMACY_A = "PHARMA-TMPL-A";
    static final String PHARMACIST_A = "CHEMIST-TMPL-A";
    static final String PHARMACY_B = "PHARMA-TMPL-B";
    static final String PHARMACIST_B = "CHEMIST-TMPL-B";
    static final String BIRTH_DATE = "1960-05-05";

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final String url;
    final Map<String, String> tokens = new ConcurrentHashMap<>();

    RebuildBench(String url) {
        this.url = url;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage();
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        String url = options.get("url");
        if (url == null) {
            usage();
        }
        URI uri = URI.create(url);
        if (!InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
            throw new IllegalArgumentException("only loopback addresses: " + url);
        }
        RebuildBench bench = new RebuildBench(url.replaceAll("/+$", ""));
        switch (args[0]) {
            case "templates" -> bench.templates(Path.of(options.getOrDefault("out", "templates.tsv")));
            case "read" -> bench.read();
            case "replay" -> bench.replays(List.of(options.getOrDefault("projections",
                            "prescription-view,medication-alerts").split(",")), options.get("probe-id"),
                    Integer.parseInt(options.getOrDefault("probe-ms", "100")),
                    !"no".equals(options.getOrDefault("verify", "yes")),
                    "yes".equals(options.getOrDefault("together", "no")));
            case "verify" -> {
                for (String name : options.getOrDefault("projections", "prescription-view,medication-alerts")
                        .split(",")) {
                    bench.verify(name);
                }
            }
            default -> usage();
        }
    }

    static void usage() {
        System.err.println("""
                usage: java bench/RebuildBench.java templates --url http://127.0.0.1:PORT/api/v1 --out FILE
                       java bench/RebuildBench.java read --url URL
                       java bench/RebuildBench.java replay --url URL --projections a,b --probe-id UUID \
                [--probe-ms 100] [--verify yes|no] [--together yes|no]
                       java bench/RebuildBench.java verify --url URL --projections a,b""");
        System.exit(2);
    }

    // ------------------------------------------------------------------------------------------ templates

    /** One template lifecycle: what the clones of it repeat. */
    record Template(int id, String name, int weight, String aggregate, String patient) {
    }

    void templates(Path out) throws Exception {
        String prescriber = token("{\"role\":\"PRESCRIBER\",\"subject\":\"" + PRESCRIBER + "\",\"institutionId\":\""
                + INSTITUTION + "\"}");
        String pharmacistA = token("{\"role\":\"PHARMACIST\",\"subject\":\"" + PHARMACIST_A + "\",\"pharmacyId\":\""
                + PHARMACY_A + "\"}");
        String pharmacistB = token("{\"role\":\"PHARMACIST\",\"subject\":\"" + PHARMACIST_B + "\",\"pharmacyId\":\""
                + PHARMACY_B + "\"}");
        List<Template> templates = new ArrayList<>();
        int n = 0;

        // 1-3: issue, accept, dispense the whole quantity: PrescriptionIssued, Accepted, Dispensed, Completed
        templates.add(complete(++n, "complete-amlodipine", 5, prescriber, pharmacistA, "2171022F1021", "tablet", 28,
                28, 0));
        templates.add(complete(++n, "complete-zolpidem", 3, prescriber, pharmacistA, "1129009F1025", "tablet", 14,
                14, 0));
        templates.add(complete(++n, "complete-atorvastatin", 3, prescriber, pharmacistA, "2189015F1023", "tablet", 30,
                30, 0));
        // 4: one refill: the dispensing completes use 1 and schedules use 2 (... Dispensed, RefillScheduled)
        templates.add(complete(++n, "refill-amlodipine", 3, prescriber, pharmacistA, "2171022F3024", "tablet", 28,
                28, 1));
        {   // 5: two partial dispensings, the second completes the use
            int id = ++n;
            String patient = patient(id);
            UUID p = UUID.randomUUID();
            String code = issue(prescriber, p, patient, line(1, "3962002F1024", 56, "tablet", 28));
            accept(pharmacistA, PHARMACY_A, PHARMACIST_A, code);
            dispense(pharmacistA, PHARMACY_A, PHARMACIST_A, p, item(1, "3962002F1024", 28, 14), false, "DISPENSED");
            dispense(pharmacistA, PHARMACY_A, PHARMACIST_A, p, item(1, "3962002F1024", 28, 14), true, "COMPLETED");
            templates.add(new Template(id, "partial-metformin", 2, p.toString(), patient));
        }
        {   // 6: generic substitution: brand prescribed, generic dispensed
            int id = ++n;
            String patient = patient(id);
            UUID p = UUID.randomUUID();
            String code = issue(prescriber, p, patient, line(1, "2171022F1021", 28, "tablet", 28));
            accept(pharmacistA, PHARMACY_A, PHARMACIST_A, code);
            dispense(pharmacistA, PHARMACY_A, PHARMACIST_A, p, item(1, "2171022F3024", 28, 28), true, "COMPLETED");
            templates.add(new Template(id, "generic-substitution", 2, p.toString(), patient));
        }
        {   // 7: cancelled before any pharmacy took it: Issued, Cancelled
            int id = ++n;
            String patient = patient(id);
            UUID p = UUID.randomUUID();
            issue(prescriber, p, patient, line(1, "1149019F1027", 21, "tablet", 7));
            expect(post("/prescriptions/" + p + "/cancel", prescriber, "{\"reason\":\"wrong dose\"}"), "CANCELLED");
            templates.add(new Template(id, "cancel-issued", 1, p.toString(), patient));
        }
        {   // 8: cancelled while held: Issued, Accepted, CancellationRequested, Released, Cancelled
            int id = ++n;
            String patient = patient(id);
            UUID p = UUID.randomUUID();
            String code = issue(prescriber, p, patient, line(1, "2149114F1026", 28, "tablet", 28));
            accept(pharmacistA, PHARMACY_A, PHARMACIST_A, code);
            expect(post("/prescriptions/" + p + "/cancel", prescriber, "{\"reason\":\"therapy changed\"}"),
                    "ACCEPTED");
            expect(post("/prescriptions/" + p + "/release", pharmacistA, "{\"pharmacyId\":\"" + PHARMACY_A
                    + "\",\"reason\":\"cancellation requested\"}"), "CANCELLED");
            templates.add(new Template(id, "cancel-held", 1, p.toString(), patient));
        }
        {   // 9: released by one pharmacy, accepted and dispensed by another
            int id = ++n;
            String patient = patient(id);
            UUID p = UUID.randomUUID();
            String code = issue(prescriber, p, patient, line(1, "1129009F2021", 14, "tablet", 14));
            accept(pharmacistA, PHARMACY_A, PHARMACIST_A, code);
            expect(post("/prescriptions/" + p + "/release", pharmacistA, "{\"pharmacyId\":\"" + PHARMACY_A
                    + "\",\"reason\":\"out of stock\"}"), "ISSUED");
            accept(pharmacistB, PHARMACY_B, PHARMACIST_B, code);
            dispense(pharmacistB, PHARMACY_B, PHARMACIST_B, p, item(1, "1129009F2021", 14, 14), true, "COMPLETED");
            templates.add(new Template(id, "release-reaccept", 1, p.toString(), patient));
        }
        {   // 10: two lines that interact (triazolam + itraconazole): alert, acknowledged, then dispensed
            int id = ++n;
            String patient = patient(id);
            UUID p = UUID.randomUUID();
            HttpResponse<String> issued = post("/prescriptions", prescriber, issueBody(p, patient,
                    line(1, "1124007F1024", 14, "tablet", 14) + "," + line(2, "6290002M1021", 7, "capsule", 7), 0));
            expect(issued, "ISSUED");
            Matcher alert = ALERT_ID.matcher(issued.body());
            if (!alert.find()) {
                throw new IllegalStateException("no alert for triazolam + itraconazole: " + issued.body());
            }
            HttpResponse<String> acknowledged = post("/prescriptions/" + p + "/alerts/" + alert.group(1)
                    + "/acknowledge", prescriber, "{\"reason\":\"benefit outweighs the risk\"}");
            if (acknowledged.statusCode() != 200) {
                throw new IllegalStateException("acknowledge answered " + acknowledged.statusCode() + " "
                        + acknowledged.body());
            }
            accept(pharmacistA, PHARMACY_A, PHARMACIST_A, exchangeCode(issued));
            dispense(pharmacistA, PHARMACY_A, PHARMACIST_A, p,
                    item(1, "1124007F1024", 14, 14) + "," + item(2, "6290002M1021", 7, 7), true, "COMPLETED");
            templates.add(new Template(id, "interaction-acknowledged", 2, p.toString(), patient));
        }
        {   // 11: issued and never collected (yet)
            int id = ++n;
            String patient = patient(id);
            UUID p = UUID.randomUUID();
            issue(prescriber, p, patient, line(1, "2189015F1023", 30, "tablet", 30));
            templates.add(new Template(id, "issued-only", 1, p.toString(), patient));
        }
        {   // 12: consent (cloned once for every tenth patient, not as a lifecycle)
            int id = ++n;
            String patient = patient(id);
            String patientToken = token("{\"role\":\"PATIENT\",\"subject\":\"" + patient + "\",\"patientId\":\""
                    + patient + "\"}");
            HttpResponse<String> consent = send(HttpRequest.newBuilder(URI.create(url + "/patients/" + patient
                            + "/consent")).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + patientToken).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"sharingAllowed\":true}")).build());
            if (consent.statusCode() != 200) {
                throw new IllegalStateException("consent answered " + consent.statusCode() + " " + consent.body());
            }
            templates.add(new Template(id, "consent", 0, "consent:" + patient, patient));
        }
        StringBuilder tsv = new StringBuilder();
        for (Template t : templates) {
            tsv.append(t.id()).append('\t').append(t.name()).append('\t').append(t.weight()).append('\t')
                    .append(t.aggregate()).append('\t').append(t.patient()).append('\n');
            System.out.printf(Locale.ROOT, "template %2d %-26s weight %d  %s%n", t.id(), t.name(), t.weight(),
                    t.aggregate());
        }
        Files.writeString(out, tsv.toString());
    }

    static String patient(int template) {
        return String.format(Locale.ROOT, "PATIENT-TMPL-%02d", template);
    }

    Template complete(int id, String name, int weight, String prescriber, String pharmacist, String drug, String unit,
                      int quantity, int days, int refills) throws Exception {
        String patient = patient(id);
        UUID p = UUID.randomUUID();
        HttpResponse<String> issued = post("/prescriptions", prescriber,
                issueBody(p, patient, line(1, drug, quantity, unit, days), refills));
        expect(issued, "ISSUED");
        accept(pharmacist, PHARMACY_A, PHARMACIST_A, exchangeCode(issued));
        dispense(pharmacist, PHARMACY_A, PHARMACIST_A, p, item(1, drug, quantity, days), true,
                refills > 0 ? "AWAITING_REFILL" : "COMPLETED");
        return new Template(id, name, weight, p.toString(), patient);
    }

    String issue(String prescriber, UUID p, String patient, String lines) throws Exception {
        HttpResponse<String> issued = post("/prescriptions", prescriber, issueBody(p, patient, lines, 0));
        expect(issued, "ISSUED");
        return exchangeCode(issued);
    }

    static String issueBody(UUID p, String patient, String lines, int refills) {
        return "{\"prescriptionId\":\"" + p + "\",\"patient\":{\"id\":\"" + patient + "\",\"birthDate\":\""
                + BIRTH_DATE + "\",\"name\":\"Template Patient\"},\"prescriber\":{\"id\":\"" + PRESCRIBER
                + "\",\"institutionId\":\"" + INSTITUTION + "\"},\"lines\":[" + lines + "],\"refills\":" + refills
                + "}";
    }

    static String line(int number, String drug, int quantity, String unit, int days) {
        return "{\"lineNumber\":" + number + ",\"drugCode\":\"" + drug + "\",\"quantity\":" + quantity
                + ",\"unit\":\"" + unit + "\",\"dosage\":\"as directed\",\"days\":" + days + "}";
    }

    static String item(int number, String drug, int quantity, int days) {
        return "{\"lineNumber\":" + number + ",\"drugCode\":\"" + drug + "\",\"quantity\":" + quantity
                + ",\"days\":" + days + "}";
    }

    void accept(String token, String pharmacy, String pharmacist, String code) throws Exception {
        expect(post("/prescriptions/accept", token, "{\"exchangeCode\":\"" + code + "\",\"patientBirthDate\":\""
                + BIRTH_DATE + "\",\"pharmacyId\":\"" + pharmacy + "\",\"pharmacistId\":\"" + pharmacist + "\"}"),
                "ACCEPTED");
    }

    void dispense(String token, String pharmacy, String pharmacist, UUID p, String items, boolean completes,
                  String status) throws Exception {
        HttpResponse<String> answer = post("/prescriptions/" + p + "/dispense", token, "{\"pharmacyId\":\"" + pharmacy
                + "\",\"pharmacistId\":\"" + pharmacist + "\",\"items\":[" + items + "],\"completesUse\":" + completes
                + "}");
        if (!"DISPENSED".equals(status)) {
            expect(answer, status);
        } else if (answer.statusCode() != 200) {
            throw new IllegalStateException("dispense answered " + answer.statusCode() + " " + answer.body());
        }
    }

    static String exchangeCode(HttpResponse<String> issued) {
        Matcher m = EXCHANGE_CODE.matcher(issued.body());
        if (!m.find()) {
            throw new IllegalStateException("no exchange code in " + issued.body());
        }
        return m.group(1);
    }

    static void expect(HttpResponse<String> answer, String status) {
        Matcher m = STATUS.matcher(answer.body());
        if (answer.statusCode() / 100 != 2 || !m.find() || !m.group(1).equals(status)) {
            throw new IllegalStateException(answer.request().method() + " " + answer.request().uri() + " answered "
                    + answer.statusCode() + ", expected status " + status + ": " + answer.body());
        }
    }

    // ------------------------------------------------------------------------------------------ read

    void read() throws Exception {
        String auditor = token("{\"role\":\"AUDITOR\",\"subject\":\"AUD-1\"}");
        long started = System.nanoTime();
        HttpResponse<InputStream> answer = http.send(HttpRequest.newBuilder(URI.create(url + "/audit/events"))
                .header("Authorization", "Bearer " + auditor).header("Accept", "application/x-ndjson").GET().build(),
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
        System.out.printf(Locale.ROOT, "GET /audit/events: %d events (%.0f MiB NDJSON) in %.1f s = %.0f events/s%n",
                lines, bytes / 1048576.0, seconds, lines / seconds);
    }

    // ------------------------------------------------------------------------------------------ replay

    static final Pattern PROJECTION = Pattern.compile("\\{\"name\"\\s*:\\s*\"([^\"]+)\"(.*?)\"lastReplay\"\\s*:\\s*"
            + "(null|\\{[^}]*\\})");

    record Poll(String state, long eventsDone, long eventsTotal, long eventsPerSecond, String lastReplay) {
    }

    /** Latencies (µs) and statuses of the probe's reads. */
    static final class Probe {
        final List<Long> micros = new ArrayList<>();
        final Map<String, Long> failures = new TreeMap<>();
        final List<String> failureSamples = new ArrayList<>();
        long reads;

        synchronized void record(long latencyMicros, String outcome, String sample) {
            reads++;
            micros.add(latencyMicros);
            if (!"200".equals(outcome)) {
                failures.merge(outcome, 1L, Long::sum);
                if (failureSamples.size() < 5) {
                    failureSamples.add(outcome + " " + sample);
                }
            }
        }

        synchronized String summary() {
            long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length == 0) {
                return "no reads";
            }
            return String.format(Locale.ROOT, "%d reads, p50 %.1f ms, p99 %.1f ms, max %.1f ms, non-200: %s",
                    reads, pct(sorted, 50) / 1000.0, pct(sorted, 99) / 1000.0, sorted[sorted.length - 1] / 1000.0,
                    failures.isEmpty() ? "none" : failures.toString());
        }

        synchronized double p(int p) {
            long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
            return sorted.length == 0 ? Double.NaN : pct(sorted, p) / 1000.0;
        }

        synchronized double max() {
            return micros.stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0;
        }

        static long pct(long[] sorted, int p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }
    }

    void replays(List<String> projections, String probeId, int probeMillis, boolean verify, boolean together)
            throws Exception {
        if (probeId == null) {
            throw new IllegalArgumentException("--probe-id is required");
        }
        String auditor = token("{\"role\":\"AUDITOR\",\"subject\":\"AUD-1\"}");
        HttpResponse<String> first = get("/prescriptions/" + probeId, auditor);
        if (first.statusCode() != 200) {
            throw new IllegalStateException("the probe's prescription " + probeId + " answers " + first.statusCode());
        }
        if (together) {
            replayTogether(projections.stream().map(String::trim).toList(), probeId, probeMillis, auditor, verify);
            return;
        }
        List<String> rows = new ArrayList<>();
        for (String name : projections) {
            rows.add(replay(name.trim(), probeId, probeMillis, auditor, verify));
        }
        System.out.println();
        System.out.println("| projection | events | wall time | events/s (events / wall) | server's replay time | "
                + "probe reads | p50 | p99 | max | non-200 | verify |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        rows.forEach(System.out::println);
    }

    /** Reads the probe's prescription every {@code probeMillis} as an auditor, recording each read in {@code probe}. */
    ScheduledExecutorService startProbe(Probe probe, String probeId, int probeMillis, String auditor) {
        ScheduledExecutorService probes = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "probe");
            t.setDaemon(true);
            return t;
        });
        HttpClient probeHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest probeRequest = HttpRequest.newBuilder(URI.create(url + "/prescriptions/" + probeId))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + auditor)
                .header("Accept", "application/json").GET().build();
        probes.scheduleAtFixedRate(() -> {
            long t0 = System.nanoTime();
            String outcome;
            String sample = "";
            try {
                HttpResponse<String> answer = probeHttp.send(probeRequest, HttpResponse.BodyHandlers.ofString());
                outcome = Integer.toString(answer.statusCode());
                if (answer.statusCode() != 200) {
                    sample = answer.body().length() > 200 ? answer.body().substring(0, 200) : answer.body();
                } else if (!answer.body().contains(probeId)) {
                    outcome = "200-without-the-prescription";
                    sample = answer.body().length() > 200 ? answer.body().substring(0, 200) : answer.body();
                }
            } catch (IOException e) {
                outcome = "io-error";
                sample = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            probe.record((System.nanoTime() - t0) / 1000, outcome, sample);
        }, 0, probeMillis, TimeUnit.MILLISECONDS);
        return probes;
    }

    /**
     * Every projection's replay started at once (each on its own server thread), timed until the last is done: how
     * long rebuilding all projections takes, and the store's events per second over that time.
     */
    void replayTogether(List<String> projections, String probeId, int probeMillis, String auditor, boolean verify)
            throws Exception {
        System.out.println();
        System.out.println("=== replay of " + String.join(" and ", projections) + " together ===");
        Map<String, String> lastReplayBefore = new TreeMap<>();
        for (String name : projections) {
            lastReplayBefore.put(name, poll(name, auditor).lastReplay());
        }
        long started = System.nanoTime();
        Probe probe = new Probe();
        ScheduledExecutorService probes = startProbe(probe, probeId, probeMillis, auditor);
        for (String name : projections) {
            HttpResponse<String> started202 = post("/admin/projections/" + name + "/replay", auditor, "");
            if (started202.statusCode() != 202) {
                probes.shutdownNow();
                throw new IllegalStateException("POST replay of " + name + " answered " + started202.statusCode()
                        + " " + started202.body());
            }
        }
        Map<String, String> finished = new TreeMap<>();
        Map<String, Double> finishedAfter = new TreeMap<>();
        long lastPrint = 0;
        while (finished.size() < projections.size()) {
            Thread.sleep(250);
            long elapsed = System.nanoTime() - started;
            StringBuilder line = new StringBuilder();
            for (String name : projections) {
                if (finished.containsKey(name)) {
                    continue;
                }
                Poll now = poll(name, auditor);
                if (!"REPLAYING".equals(now.state()) && !now.lastReplay().equals(lastReplayBefore.get(name))) {
                    finished.put(name, now.lastReplay());
                    finishedAfter.put(name, elapsed / 1e9);
                } else {
                    line.append(String.format(Locale.ROOT, "  %s %,d / %,d (%,d events/s)", name, now.eventsDone(),
                            now.eventsTotal(), now.eventsPerSecond()));
                }
            }
            if (elapsed - lastPrint > 10_000_000_000L) {
                lastPrint = elapsed;
                System.out.printf(Locale.ROOT, "  %5.0f s%s  probe p99 so far %.1f ms%n", elapsed / 1e9, line,
                        probe.p(99));
            }
        }
        double wall = (System.nanoTime() - started) / 1e9;
        Thread.sleep(1000);
        probes.shutdownNow();
        probes.awaitTermination(35, TimeUnit.SECONDS);
        long storeEvents = 0;
        for (String name : projections) {
            String last = finished.get(name);
            long events = Long.parseLong(field(last, "events"));
            storeEvents = Math.max(storeEvents, events);
            System.out.printf(Locale.ROOT, "  %s: outcome %s, %,d events, done after %.1f s%n", name,
                    field(last, "outcome"), events, finishedAfter.get(name));
        }
        System.out.printf(Locale.ROOT, "  all %d projections rebuilt from %,d events in %.1f s wall = %,.0f events/s%n",
                projections.size(), storeEvents, wall, storeEvents / wall);
        System.out.println("  probe GET /prescriptions/" + probeId + " every " + probeMillis + " ms: "
                + probe.summary());
        probe.failureSamples.forEach(s -> System.out.println("    " + s));
        if (verify) {
            for (String name : projections) {
                verify(name);
            }
        }
    }

    String replay(String name, String probeId, int probeMillis, String auditor, boolean verify) throws Exception {
        System.out.println();
        System.out.println("=== replay of " + name + " ===");
        Poll before = poll(name, auditor);
        String lastReplayBefore = before.lastReplay();
        long started = System.nanoTime();
        Probe probe = new Probe();
        ScheduledExecutorService probes = startProbe(probe, probeId, probeMillis, auditor);

        HttpResponse<String> started202 = post("/admin/projections/" + name + "/replay", auditor, "");
        if (started202.statusCode() != 202) {
            probes.shutdownNow();
            throw new IllegalStateException("POST replay of " + name + " answered " + started202.statusCode() + " "
                    + started202.body());
        }
        long lastPrint = 0;
        long eventsDone = 0;
        long eventsTotal = 0;
        Poll now;
        while (true) {
            Thread.sleep(250);
            now = poll(name, auditor);
            long elapsed = System.nanoTime() - started;
            if (now.eventsDone() > 0) {
                eventsDone = now.eventsDone();
                eventsTotal = now.eventsTotal();
            }
            if (!"REPLAYING".equals(now.state()) && !now.lastReplay().equals(lastReplayBefore)) {
                break;
            }
            if (elapsed - lastPrint > 10_000_000_000L) {
                lastPrint = elapsed;
                System.out.printf(Locale.ROOT, "  %5.0f s  %,d / %,d events  %,d events/s (server)  probe p99 so far "
                                + "%.1f ms%n", elapsed / 1e9, now.eventsDone(), now.eventsTotal(),
                        now.eventsPerSecond(), probe.p(99));
            }
        }
        double wall = (System.nanoTime() - started) / 1e9;
        // one more second of probing after the swap: the live view must answer right after it too
        Thread.sleep(1000);
        probes.shutdownNow();
        probes.awaitTermination(35, TimeUnit.SECONDS);

        String last = now.lastReplay();
        String outcome = field(last, "outcome");
        long events = Long.parseLong(field(last, "events"));
        double serverSeconds = Duration.between(Instant.parse(field(last, "startedAt")),
                Instant.parse(field(last, "finishedAt"))).toNanos() / 1e9;
        System.out.printf(Locale.ROOT, "  outcome %s: %,d events in %.1f s wall (POST to seen done) = %,.0f events/s;"
                        + " the server's replay took %.1f s = %,.0f events/s%n", outcome, events, wall, events / wall,
                serverSeconds, events / serverSeconds);
        System.out.println("  probe GET /prescriptions/" + probeId + " every " + probeMillis + " ms: "
                + probe.summary());
        probe.failureSamples.forEach(s -> System.out.println("    " + s));
        if (!"COMPLETED".equals(outcome)) {
            System.out.println("  !!! replay did not complete: " + last);
        }
        String verified = "not run";
        if (verify && "COMPLETED".equals(outcome)) {
            verified = verify(name);
        }
        return String.format(Locale.ROOT, "| %s | %,d | %.1f s | %,.0f | %.1f s | %d | %.1f ms | %.1f ms | %.1f ms | %s "
                        + "| %s |", name, events, wall, events / wall, serverSeconds, probe.reads, probe.p(50),
                probe.p(99), probe.max(), probe.failures.isEmpty() ? "none" : probe.failures.toString(), verified);
    }

    String verify(String name) throws Exception {
        String auditor = token("{\"role\":\"AUDITOR\",\"subject\":\"AUD-1\"}");
        long started = System.nanoTime();
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url + "/admin/projections/" + name
                        + "/verify")).timeout(Duration.ofHours(2)).header("Authorization", "Bearer " + auditor)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build());
        double seconds = (System.nanoTime() - started) / 1e9;
        if (answer.statusCode() != 200) {
            System.out.println("  verify of " + name + " answered " + answer.statusCode() + " " + answer.body());
            return "answered " + answer.statusCode();
        }
        String differences = field(answer.body(), "differences");
        System.out.printf(Locale.ROOT, "  verify of %s: %s differences at position %s (%.1f s)%n", name, differences,
                field(answer.body(), "position"), seconds);
        if (!"0".equals(differences)) {
            String body = answer.body();
            System.out.println("  !!! differences: " + (body.length() > 3000 ? body.substring(0, 3000) : body));
        }
        return differences + " differences";
    }

    Poll poll(String name, String auditor) throws Exception {
        HttpResponse<String> answer = get("/admin/projections", auditor);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET /admin/projections answered " + answer.statusCode() + " "
                    + answer.body());
        }
        Matcher m = PROJECTION.matcher(answer.body());
        while (m.find()) {
            if (m.group(1).equals(name)) {
                String rest = m.group(2);
                String state = field(rest, "state");
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
                return new Poll(state, done, total, rate, m.group(3));
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

    // ------------------------------------------------------------------------------------------ http

    String token(String request) throws Exception {
        return tokens.computeIfAbsent(request, r -> {
            try {
                HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url + "/local-tokens"))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(r)).build());
                Matcher m = ACCESS_TOKEN.matcher(answer.body());
                if (answer.statusCode() != 200 || !m.find()) {
                    throw new IllegalStateException("POST /local-tokens " + r + " answered " + answer.statusCode()
                            + " " + answer.body());
                }
                return m.group(1);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    HttpResponse<String> post(String path, String token, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}

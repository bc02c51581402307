import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Duplicate-check load benchmark: N client threads each loop {@code POST /duplicate-checks} with a draft of
 * {@code --lines} lines (drug codes drawn from the catalogue CSV, days of supply from a short list) for a random
 * patient {@code PAT-1 .. PAT-<patients>} of a database loaded beforehand (bench/run-duplicate-checks.sh), for a
 * fixed duration after a warmup whose samples are thrown away.
 *
 * <p>JDK only, run as a single-file program:
 * <pre>
 *   java bench/DuplicateCheckLoad.java --url http://127.0.0.1:8080/api/v1 --patients 1000000 --clients 8 \
 *        --duration-seconds 60 --warmup-seconds 15 --catalogue prescription-core/src/main/resources/catalogue/drug-catalogue-sample.csv
 * </pre>
 *
 * <p>Every request carries a bearer token (the exchange must run with
 * {@code --exchange.security.local-tokens.enabled=true}, as bench/run-duplicate-checks.sh starts it): client i acts
 * as prescriber {@code DOC-<i>-1} of institution {@code HOSP-<i>} (three digits, as the loaded courses' institutions;
 * a duplicate check names no prescriber in its body), whose PRESCRIBER token is fetched once from
 * {@code POST /api/v1/local-tokens} before the warmup, unmeasured.
 *
 * <p>Measured: the wall time from sending a request to having read the whole answer, in microseconds, for requests
 * that started inside the measured window; requests/s counts 2xx answers that arrived inside it. Each answer's
 * {@code alerts} array is counted (empty or not, and how many alerts). Any non-2xx answer or transport failure is an
 * error, counted by status, with the first bodies printed. Nothing is asserted. Loopback addresses only.
 */
public class DuplicateCheckLoad {

    static final int[] DAYS = {7, 14, 28, 30, 56, 90};
    static final Pattern NON_EMPTY_ALERTS = Pattern.compile("\"alerts\"\\s*:\\s*\\[\\s*\\{");
    static final Pattern ALERT_ID = Pattern.compile("\"alertId\"\\s*:");
    static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    static final int MAX_ERROR_SAMPLES = 10;

    static final class Options {
        String url = "http://127.0.0.1:8080/api/v1";
        int clients = 8;
        int durationSeconds = 60;
        int warmupSeconds = 15;
        int requestTimeoutSeconds = 30;
        int patients = 1_000_000;
        int lines = 5;
        String catalogue = "prescription-core/src/main/resources/catalogue/drug-catalogue-sample.csv";
        String label = null;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    usage(null);
                }
                if (i + 1 >= args.length) {
                    usage("missing value for " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--url" -> o.url = v;
                    case "--clients" -> o.clients = number(a, v, 1);
                    case "--duration-seconds" -> o.durationSeconds = number(a, v, 1);
                    case "--warmup-seconds" -> o.warmupSeconds = number(a, v, 0);
                    case "--request-timeout-seconds" -> o.requestTimeoutSeconds = number(a, v, 1);
                    case "--patients" -> o.patients = number(a, v, 1);
                    case "--lines" -> o.lines = number(a, v, 1);
                    case "--catalogue" -> o.catalogue = v;
                    case "--label" -> o.label = v;
                    default -> usage("unknown option " + a);
                }
            }
            if (o.url.endsWith("/")) {
                o.url = o.url.substring(0, o.url.length() - 1);
            }
            if (!o.url.endsWith("/api/v1")) {
                o.url = o.url + "/api/v1";
            }
            if (o.label == null) {
                o.label = o.clients + " clients, " + o.patients + " patients";
            }
            return o;
        }

        static int number(String name, String v, int min) {
            try {
                int n = Integer.parseInt(v);
                if (n < min) {
                    usage(name + " must be >= " + min);
                }
                return n;
            } catch (NumberFormatException e) {
                usage(name + " needs a whole number, not " + v);
                return -1;
            }
        }

        static void usage(String problem) {
            if (problem != null) {
                System.err.println("error: " + problem);
            }
            System.err.println("""
                    usage: java bench/DuplicateCheckLoad.java [--url http://127.0.0.1:PORT/api/v1] [--clients 8]
                           [--duration-seconds 60] [--warmup-seconds 15] [--request-timeout-seconds 30]
                           [--patients 1000000] [--lines 5] [--catalogue path/to/drug-catalogue.csv] [--label text]""");
            System.exit(problem == null ? 0 : 2);
        }
    }

    /** A growable array of longs: no boxing, no external histogram library. */
    static final class LongList {
        long[] values = new long[1 << 16];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void addAll(LongList other) {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i]);
            }
        }

        long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }

    /**
     * Local tokens of the exchange, one per identity, each fetched once ({@code POST /local-tokens}) and kept as the
     * {@code Authorization} header's value; main fetches every client's before the warmup.
     */
    static final class Tokens {
        final HttpClient http;
        final Options options;
        final Map<String, String> byIdentity = new ConcurrentHashMap<>();

        Tokens(HttpClient http, Options options) {
            this.http = http;
            this.options = options;
        }

        String prescriber(String prescriberId, String institutionId) {
            return byIdentity.computeIfAbsent("PRESCRIBER " + prescriberId + " " + institutionId,
                    key -> fetch("{\"role\":\"PRESCRIBER\",\"subject\":\"" + prescriberId
                            + "\",\"institutionId\":\"" + institutionId + "\"}"));
        }

        /** "Bearer <token>" for the token request {@code json}; any failure ends the run (no token, no benchmark). */
        String fetch(String json) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(options.url + "/local-tokens"))
                    .timeout(Duration.ofSeconds(options.requestTimeoutSeconds))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build();
            int status;
            String answer;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                answer = response.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while fetching a local token");
            } catch (IOException e) {
                throw new IllegalStateException("POST /local-tokens " + json + " failed: " + e, e);
            }
            Matcher m = status == 200 ? ACCESS_TOKEN.matcher(answer) : null;
            if (m == null || !m.find()) {
                throw new IllegalStateException("POST /local-tokens " + json + " answered " + status + " " + answer
                        + " (is the exchange running with --exchange.security.local-tokens.enabled=true?)");
            }
            return "Bearer " + m.group(1);
        }
    }

    /** The prescriber client {@code i} (from 0) acts as, and its institution. */
    static String prescriberId(int i) {
        return String.format("DOC-%03d-1", i + 1);
    }

    static String institutionId(int i) {
        return String.format("HOSP-%03d", i + 1);
    }

    static final class Client implements Runnable {
        final HttpClient http;
        final Options options;
        final String authorization;
        final String[] drugCodes;
        final long windowStart;
        final long windowEnd;
        final Duration timeout;
        final int timeoutMillis;
        final URL checks;
        final LongList latencyMicros = new LongList();
        long ok;                  // 2xx answers arrived inside the window
        long withAlerts;          // ... whose alerts array was not empty
        long alerts;              // alert objects in them
        long warmupRequests;
        String alertSample;
        final Map<String, Long> errors = new TreeMap<>();
        final Map<String, Long> warmupErrors = new TreeMap<>();
        final List<String> errorSamples = new ArrayList<>();

        Client(HttpClient http, Options options, String authorization, String[] drugCodes, long windowStart,
               long windowEnd) {
            this.http = http;
            this.options = options;
            this.authorization = authorization;
            this.drugCodes = drugCodes;
            this.windowStart = windowStart;
            this.windowEnd = windowEnd;
            this.timeout = Duration.ofSeconds(options.requestTimeoutSeconds);
            this.timeoutMillis = (int) timeout.toMillis();
            try {
                this.checks = URI.create(options.url + "/duplicate-checks").toURL();
            } catch (IOException e) {
                throw new IllegalArgumentException("bad url " + options.url, e);
            }
        }

        record Answer(int status, String body) {
        }

        /**
         * One request on this thread's kept-alive connection, blocking: java.net.http.HttpClient hands every request
         * between the caller, its selector thread and an executor, and cost the shared CPUs a third of one CPU at
         * 1,700 requests/s; this costs the client less, which leaves more for the exchange being measured.
         */
        static Answer post(URL url, String authorization, String body, int timeoutMillis) throws IOException {
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            connection.setConnectTimeout(timeoutMillis);
            connection.setReadTimeout(timeoutMillis);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setRequestProperty("Accept", "application/json");
            connection.setRequestProperty("Authorization", authorization);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            connection.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes);
            }
            int status = connection.getResponseCode();
            InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            if (stream == null) {
                return new Answer(status, "");
            }
            try (InputStream in = stream) {
                // read to the end and closed, not disconnected: the connection goes back to the keep-alive cache
                return new Answer(status, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }

        @Override
        public void run() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            StringBuilder body = new StringBuilder(512);
            while (!Thread.currentThread().isInterrupted()) {
                long start = System.nanoTime();
                if (start >= windowEnd) {
                    return;
                }
                body.setLength(0);
                body.append("{\"patientId\":\"PAT-").append(random.nextInt(options.patients) + 1).append("\",\"lines\":[");
                for (int l = 0; l < options.lines; l++) {
                    body.append(l == 0 ? "" : ",").append("{\"drugCode\":\"")
                            .append(drugCodes[random.nextInt(drugCodes.length)]).append("\",\"days\":")
                            .append(DAYS[random.nextInt(DAYS.length)]).append('}');
                }
                body.append("]}");
                int status;
                String answer;
                try {
                    Answer response = post(checks, authorization, body.toString(), timeoutMillis);
                    status = response.status();
                    answer = response.body();
                } catch (Exception e) {
                    error(start, e.getClass().getSimpleName(), e.getClass().getSimpleName() + ": " + e.getMessage());
                    pause();
                    continue;
                }
                long end = System.nanoTime();
                if (status < 200 || status >= 300) {
                    error(start, Integer.toString(status), answer);
                    continue;
                }
                if (start < windowStart) {
                    warmupRequests++;
                    continue;
                }
                latencyMicros.add((end - start) / 1_000);
                if (end < windowEnd) {
                    ok++;
                    if (NON_EMPTY_ALERTS.matcher(answer).find()) {
                        withAlerts++;
                        Matcher ids = ALERT_ID.matcher(answer);
                        while (ids.find()) {
                            alerts++;
                        }
                        if (alertSample == null) {
                            alertSample = body + " -> " + answer;
                        }
                    }
                }
            }
        }

        void error(long start, String key, String body) {
            (start >= windowStart ? errors : warmupErrors).merge(key, 1L, Long::sum);
            if (errorSamples.size() < MAX_ERROR_SAMPLES) {
                String flat = body == null ? "" : body.replaceAll("\\s+", " ");
                errorSamples.add(key + " -> " + (flat.length() > 400 ? flat.substring(0, 400) + "..." : flat));
            }
        }

        static void pause() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        // the JDK keeps 5 idle connections per server unless told otherwise: one kept-alive connection per client
        System.setProperty("http.maxConnections", Integer.toString(Math.max(5, options.clients)));
        URI base = URI.create(options.url);
        requireLoopback(base);
        String[] drugCodes = drugCodes(Path.of(options.catalogue));

        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        System.out.printf(Locale.ROOT,
                "Duplicate-check load: %s/duplicate-checks, %d clients, %d-line drafts over %d drug codes, "
                        + "patients PAT-1..PAT-%d, %d s warmup + %d s measured%n",
                options.url, options.clients, options.lines, drugCodes.length, options.patients,
                options.warmupSeconds, options.durationSeconds);

        Tokens tokens = new Tokens(http, options);
        String[] authorizations = new String[options.clients];
        long fetchBegin = System.nanoTime();
        try {
            for (int i = 0; i < options.clients; i++) {
                authorizations[i] = tokens.prescriber(prescriberId(i), institutionId(i));
            }
        } catch (IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
        System.out.printf(Locale.ROOT, "fetched %d local PRESCRIBER tokens (one per client: %s of %s ...) in %.1f s, "
                        + "not measured%n", tokens.byIdentity.size(), prescriberId(0), institutionId(0),
                (System.nanoTime() - fetchBegin) / 1e9);

        long begin = System.nanoTime();
        long windowStart = begin + TimeUnit.SECONDS.toNanos(options.warmupSeconds);
        long windowEnd = windowStart + TimeUnit.SECONDS.toNanos(options.durationSeconds);
        ExecutorService pool = Executors.newFixedThreadPool(options.clients, r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        List<Client> clients = new ArrayList<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < options.clients; i++) {
            Client c = new Client(http, options, authorizations[i], drugCodes, windowStart, windowEnd);
            clients.add(c);
            futures.add(pool.submit(c));
        }
        pool.shutdown();
        while (System.nanoTime() < windowEnd) {
            long remaining = TimeUnit.NANOSECONDS.toMillis(windowEnd - System.nanoTime());
            if (pool.awaitTermination(Math.min(10_000, Math.max(1, remaining)), TimeUnit.MILLISECONDS)) {
                break;
            }
            long now = System.nanoTime();
            if (windowEnd - now > TimeUnit.SECONDS.toNanos(1)) {
                System.out.printf(Locale.ROOT, "  %3d s elapsed (%s)%n", TimeUnit.NANOSECONDS.toSeconds(now - begin),
                        now < windowStart ? "warmup" : "measuring");
            }
        }
        long graceMillis = TimeUnit.SECONDS.toMillis(options.requestTimeoutSeconds) + 5_000;
        if (!pool.awaitTermination(graceMillis, TimeUnit.MILLISECONDS)) {
            System.err.println("warning: clients still busy " + graceMillis + " ms after the end; interrupting them");
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
        for (Future<?> f : futures) {
            if (f.isDone() && !f.isCancelled()) {
                try {
                    f.get();
                } catch (Exception e) {
                    System.err.println("client failed: " + e.getCause());
                }
            }
        }
        report(options, clients);
        System.exit(0);
    }

    /** The drug_code column of a catalogue CSV in the sample's layout (header first). */
    static String[] drugCodes(Path csv) throws IOException {
        List<String> rows = Files.readAllLines(csv);
        List<String> codes = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            String row = rows.get(i).trim();
            if (!row.isEmpty()) {
                codes.add(row.substring(0, row.indexOf(',')));
            }
        }
        if (codes.isEmpty()) {
            Options.usage("no drug codes in " + csv);
        }
        return codes.toArray(String[]::new);
    }

    static void requireLoopback(URI base) throws Exception {
        if (base.getHost() == null || !"http".equals(base.getScheme())) {
            Options.usage("--url must be http://<loopback>:<port>/api/v1, not " + base);
        }
        String host = base.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean literal = host.matches("[0-9.]+") || host.contains(":");
        if (!host.equalsIgnoreCase("localhost") && !(literal && InetAddress.getByName(host).isLoopbackAddress())) {
            Options.usage("refusing non-loopback host " + base.getHost() + ": use 127.0.0.1");
        }
    }

    static void report(Options options, List<Client> clients) {
        long ok = 0;
        long withAlerts = 0;
        long alerts = 0;
        long warmup = 0;
        String sample = null;
        LongList merged = new LongList();
        Map<String, Long> errors = new TreeMap<>();
        Map<String, Long> warmupErrors = new TreeMap<>();
        List<String> samples = new ArrayList<>();
        for (Client c : clients) {
            ok += c.ok;
            withAlerts += c.withAlerts;
            alerts += c.alerts;
            warmup += c.warmupRequests;
            if (sample == null) {
                sample = c.alertSample;
            }
            merged.addAll(c.latencyMicros);
            c.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
            c.warmupErrors.forEach((k, v) -> warmupErrors.merge(k, v, Long::sum));
            for (String s : c.errorSamples) {
                if (samples.size() < MAX_ERROR_SAMPLES) {
                    samples.add(s);
                }
            }
        }
        long errorTotal = errors.values().stream().mapToLong(Long::longValue).sum();
        long warmupErrorTotal = warmupErrors.values().stream().mapToLong(Long::longValue).sum();
        long[] sorted = merged.sorted();
        double perSecond = ok / (double) options.durationSeconds;
        double alertShare = ok == 0 ? 0 : 100.0 * withAlerts / ok;
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));

        System.out.println();
        System.out.println("=== Duplicate-check load result (" + options.label + ", " + date + ") ===");
        System.out.printf(Locale.ROOT, "clients            %d%n", options.clients);
        System.out.printf(Locale.ROOT, "measured window    %d s (after %d s warmup, %d requests in warmup)%n",
                options.durationSeconds, options.warmupSeconds, warmup);
        System.out.printf(Locale.ROOT, "requests           %d (2xx)%n", ok);
        System.out.printf(Locale.ROOT, "requests/s         %.1f%n", perSecond);
        System.out.printf(Locale.ROOT, "with alerts        %d of %d answers (%.1f %%), %d alerts in them%n",
                withAlerts, ok, alertShare, alerts);
        System.out.printf(Locale.ROOT, "errors             %d in window, %d in warmup%n", errorTotal, warmupErrorTotal);
        errors.forEach((k, v) -> System.out.printf(Locale.ROOT, "    %-32s %d%n", k, v));
        warmupErrors.forEach((k, v) -> System.out.printf(Locale.ROOT, "    %-32s %d (warmup)%n", k, v));
        if (!samples.isEmpty()) {
            System.out.println("first error answers:");
            samples.forEach(s -> System.out.println("    " + s));
        }
        System.out.printf(Locale.ROOT, "latency            count %d, p50 %s ms, p90 %s ms, p99 %s ms, p99.9 %s ms, max %s ms%n",
                sorted.length, ms(sorted, 50), ms(sorted, 90), ms(sorted, 99), ms(sorted, 99.9), max(sorted));
        if (sample != null) {
            String flat = sample.replaceAll("\\s+", " ");
            System.out.println("first request with alerts and its answer (truncated):");
            System.out.println("    " + (flat.length() > 1500 ? flat.substring(0, 1500) + "..." : flat));
        }
        System.out.println();
        System.out.println("--- Markdown (paste into docs/benchmarks.md) ---");
        System.out.println("| Date | Run | Clients | Measured | Requests | Requests/s | p50 ms | p90 ms | p99 ms | p99.9 ms "
                + "| max ms | Answers with alerts | Errors |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %d s | %d | %.1f | %s | %s | %s | %s | %s | %d (%.1f %%) | %s |%n",
                date.substring(0, 10), options.label, options.clients, options.durationSeconds, ok, perSecond,
                ms(sorted, 50), ms(sorted, 90), ms(sorted, 99), ms(sorted, 99.9), max(sorted), withAlerts, alertShare,
                errorTotal == 0 ? "0" : errorTotal + " (" + describe(errors) + ")");
        System.out.println("--- end Markdown ---");
    }

    /** Nearest-rank percentile of sorted microsecond samples, in milliseconds, two decimals. */
    static String ms(long[] sorted, double p) {
        if (sorted.length == 0) {
            return "-";
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return String.format(Locale.ROOT, "%.2f", sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0);
    }

    static String max(long[] sorted) {
        return sorted.length == 0 ? "-" : String.format(Locale.ROOT, "%.2f", sorted[sorted.length - 1] / 1000.0);
    }

    static String describe(Map<String, Long> errors) {
        StringBuilder b = new StringBuilder();
        errors.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(": ").append(v));
        return b.toString();
    }
}

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lifecycle load benchmark: N client threads each loop issue -> accept -> dispense over HTTP against a running
 * exchange for a fixed duration, after a warmup whose samples are thrown away.
 *
 * <p>With {@code --steps issue} the clients only issue: every prescription is for a patient drawn from a fixed
 * pool ({@code --patients}, default 2,000) who already has a few prescriptions (a seeding phase issues
 * {@code --seed-per-patient} of them per patient before the warmup, unmeasured), and its drugs come from a list
 * with duplicates and a contraindicated pair, so that the exchange actually computes and raises alerts. The
 * report then counts issues/s, the issue latency, and how many issue answers carried a non-empty {@code alerts}.
 *
 * <p>JDK only, run as a single-file program:
 * <pre>
 *   java bench/LifecycleLoad.java --url http://127.0.0.1:8080/api/v1 --clients 8 --duration-seconds 60 --warmup-seconds 10
 * </pre>
 *
 * <p>Every request carries a bearer token: the exchange must run with local tokens enabled
 * ({@code --exchange.security.local-tokens.enabled=true}, as bench/lib.sh starts it). Before the warmup (and before
 * seeding) the program asks {@code POST /api/v1/local-tokens} once for each identity a client can act as: a
 * PRESCRIBER token per prescriber (subject {@code DOC-<institution>-<n>}, institution {@code HOSP-<institution>})
 * and, for the lifecycle, a PHARMACIST token per pharmacist (subject {@code RPH-<pharmacy>-<n>}, pharmacy
 * {@code PH-<pharmacy>}). The bodies name the same prescriber, institution, pharmacist and pharmacy as the token.
 * Fetching them is not measured.
 *
 * <p>What is measured, per step: the wall time from sending the request to having read the whole answer, in
 * microseconds, for requests that <em>started</em> inside the measured window (after the warmup, before the end).
 * A lifecycle counts when its dispense answer (2xx) arrives inside the window; commands/s counts every 2xx command
 * answer that arrives inside the window. Any non-2xx answer or transport failure is an error: it is counted by step
 * and status, the first few bodies are printed, and the client starts a new lifecycle. Nothing is asserted.
 *
 * <p>Only loopback addresses are accepted: this is a benchmark of a local process, not a load tool for other hosts.
 */
public class LifecycleLoad {

    static final String[] STEPS = {"issue", "accept", "dispense"};
    static final String[] DRUG_CODES = {"2171022F1021", "1129009F1025", "2189015F1023", "3962002F1024", "1149019F1027"};
    /**
     * Issue-only drugs: {code, unit}. Duplicates: amlodipine (2171022F1021, 2171022F3024, and in 2149114F1026
     * valsartan+amlodipine), zolpidem (1129009F1025, 1129009F2021); contraindicated pair: triazolam 1124007F1024 with
     * itraconazole 6290002M1021; and three drugs that conflict with none of these (atorvastatin, metformin, loxoprofen).
     */
    static final String[][] ISSUE_DRUGS = {
            {"2171022F1021", "tablet"}, {"2171022F3024", "tablet"}, {"2149114F1026", "tablet"},
            {"1129009F1025", "tablet"}, {"1129009F2021", "tablet"},
            {"1124007F1024", "tablet"}, {"6290002M1021", "capsule"},
            {"2189015F1023", "tablet"}, {"3962002F1024", "tablet"}, {"1149019F1027", "tablet"}};
    static final Pattern NON_EMPTY_ALERTS = Pattern.compile("\"alerts\"\\s*:\\s*\\[\\s*\\{");
    static final Pattern ALERT_ID = Pattern.compile("\"alertId\"\\s*:");
    static final Pattern EXCHANGE_CODE = Pattern.compile("\"exchangeCode\"\\s*:\\s*\"(\\d{4}-\\d{4}-\\d{4}-\\d{4})\"");
    static final int INSTITUTIONS = 50;
    static final int PRESCRIBERS_PER_INSTITUTION = 4;
    static final int PHARMACIES = 50;
    static final int PHARMACISTS_PER_PHARMACY = 3;
    static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    static final int MAX_ERROR_SAMPLES = 10;

    // ---------------------------------------------------------------- options

    static final class Options {
        String url = "http://127.0.0.1:8080/api/v1";
        int clients = 8;
        int durationSeconds = 60;
        int warmupSeconds = 10;
        int requestTimeoutSeconds = 30;
        String label = null;
        String steps = "lifecycle";   // or "issue"
        int patients = 2000;          // issue-only: size of the patient pool
        int seedPerPatient = 2;       // issue-only: prescriptions issued per patient before the warmup
        boolean loadedPatients;       // issue-only: the pool is PAT-1 ... PAT-patients, bulk-loaded with courses

        /** Patient n (0-based) of the pool. */
        String poolPatient(int n) {
            return loadedPatients ? "PAT-" + (n + 1) : "PAT-POOL-" + n;
        }

        boolean issueOnly() {
            return steps.equals("issue");
        }

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
                    case "--clients" -> o.clients = positive(a, v);
                    case "--duration-seconds" -> o.durationSeconds = positive(a, v);
                    case "--warmup-seconds" -> o.warmupSeconds = nonNegative(a, v);
                    case "--request-timeout-seconds" -> o.requestTimeoutSeconds = positive(a, v);
                    case "--label" -> o.label = v;
                    case "--steps" -> {
                        if (!v.equals("lifecycle") && !v.equals("issue")) {
                            usage("--steps is lifecycle or issue, not " + v);
                        }
                        o.steps = v;
                    }
                    case "--patients" -> o.patients = positive(a, v);
                    case "--seed-per-patient" -> o.seedPerPatient = nonNegative(a, v);
                    case "--loaded-patients" -> {
                        if (!v.equals("yes") && !v.equals("no")) {
                            usage("--loaded-patients is yes or no, not " + v);
                        }
                        o.loadedPatients = v.equals("yes");
                    }
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
                o.label = o.clients + " clients" + (o.issueOnly() ? ", issue only" : "");
            }
            return o;
        }

        static int positive(String name, String v) {
            int n = nonNegative(name, v);
            if (n == 0) {
                usage(name + " must be > 0");
            }
            return n;
        }

        static int nonNegative(String name, String v) {
            try {
                int n = Integer.parseInt(v);
                if (n < 0) {
                    usage(name + " must be >= 0");
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
                    usage: java bench/LifecycleLoad.java [--url http://127.0.0.1:PORT/api/v1] [--clients 8]
                           [--duration-seconds 60] [--warmup-seconds 10] [--request-timeout-seconds 30] [--label text]
                           [--steps lifecycle|issue] [--patients 2000] [--seed-per-patient 2] [--loaded-patients no]
                    --steps issue: clients only issue, for patients of a pool of --patients who each got
                    --seed-per-patient prescriptions before the warmup, with drugs that raise alerts.
                    --loaded-patients yes: the pool is PAT-1 ... PAT-<patients>, whose courses were bulk-loaded.""");
            System.exit(problem == null ? 0 : 2);
        }
    }

    // ---------------------------------------------------------------- per-thread recording

    /** A growable array of longs: no boxing, no external histogram library. */
    static final class LongList {
        long[] values = new long[4096];
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

    /** Everything one client thread saw. Only its own thread writes it; the main thread reads it after join. */
    static final class ClientResult {
        final LongList[] latencyMicros = {new LongList(), new LongList(), new LongList()};
        long lifecycles;          // dispense 2xx arrived inside the window
        long commands;            // any 2xx command answer arrived inside the window
        long warmupLifecycles;
        long issues;              // issue-only: issue 2xx arrived inside the window
        long issuesWithAlerts;    // issue-only: ... whose answer carried a non-empty "alerts"
        long alertsInAnswers;     // issue-only: alert objects in those answers
        String alertSample;       // issue-only: the first issue answer with an alert (measured window)
        final Map<String, Long> errors = new TreeMap<>();        // "step status" -> count (measured window)
        final Map<String, Long> warmupErrors = new TreeMap<>();  // same, during warmup
        final List<String> errorSamples = new ArrayList<>();
    }

    /** One answer: the status (or -1 for a transport failure), the body, and when it started and ended. */
    record Answer(int status, String body, long startNanos, long endNanos) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    // ---------------------------------------------------------------- tokens

    /**
     * Local tokens of the exchange, one per identity, each fetched once ({@code POST /local-tokens}) and kept as the
     * {@code Authorization} header's value. {@link #prefetch} fills it before anything is measured; a lookup of an
     * identity not fetched yet asks the exchange then (the callers do it before they start a request's clock).
     */
    static final class Tokens {
        final HttpClient http;
        final Options options;
        final Duration timeout;
        final Map<String, String> byIdentity = new ConcurrentHashMap<>();

        Tokens(HttpClient http, Options options) {
            this.http = http;
            this.options = options;
            this.timeout = Duration.ofSeconds(options.requestTimeoutSeconds);
        }

        String prescriber(String prescriberId, String institutionId) {
            return byIdentity.computeIfAbsent("PRESCRIBER " + prescriberId + " " + institutionId,
                    key -> fetch("{\"role\":\"PRESCRIBER\",\"subject\":\"" + prescriberId
                            + "\",\"institutionId\":\"" + institutionId + "\"}"));
        }

        String pharmacist(String pharmacistId, String pharmacyId) {
            return byIdentity.computeIfAbsent("PHARMACIST " + pharmacistId + " " + pharmacyId,
                    key -> fetch("{\"role\":\"PHARMACIST\",\"subject\":\"" + pharmacistId
                            + "\",\"pharmacyId\":\"" + pharmacyId + "\"}"));
        }

        /** "Bearer <token>" for the token request {@code json}; any failure ends the run (no token, no benchmark). */
        String fetch(String json) {
            Answer answer = post(http, options, timeout, "/local-tokens", json, null);
            if (answer == null) {
                throw new IllegalStateException("interrupted while fetching a local token");
            }
            Matcher m = answer.ok() ? ACCESS_TOKEN.matcher(answer.body()) : null;
            if (m == null || !m.find()) {
                throw new IllegalStateException("POST /local-tokens " + json + " answered " + answer.status() + " "
                        + answer.body() + " (is the exchange running with "
                        + "--exchange.security.local-tokens.enabled=true?)");
            }
            return "Bearer " + m.group(1);
        }

        /** Every prescriber's and, unless issue-only, every pharmacist's token, fetched by a few threads. */
        void prefetch() throws Exception {
            long begin = System.nanoTime();
            List<Runnable> fetches = new ArrayList<>();
            for (int i = 1; i <= INSTITUTIONS; i++) {
                for (int n = 1; n <= PRESCRIBERS_PER_INSTITUTION; n++) {
                    int institution = i;
                    int number = n;
                    fetches.add(() -> prescriber(prescriberId(institution, number), institutionId(institution)));
                }
            }
            if (!options.issueOnly()) {
                for (int p = 1; p <= PHARMACIES; p++) {
                    for (int n = 1; n <= PHARMACISTS_PER_PHARMACY; n++) {
                        int pharmacy = p;
                        int number = n;
                        fetches.add(() -> pharmacist(pharmacistId(pharmacy, number), pharmacyId(pharmacy)));
                    }
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.clients, 8));
            try {
                List<Future<?>> done = new ArrayList<>();
                for (Runnable fetch : fetches) {
                    done.add(pool.submit(fetch));
                }
                for (Future<?> f : done) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            System.out.printf(Locale.ROOT, "fetched %d local tokens (one per prescriber%s) in %.1f s, not measured%n",
                    byIdentity.size(), options.issueOnly() ? "" : " and pharmacist",
                    (System.nanoTime() - begin) / 1e9);
        }
    }

    static String institutionId(int institution) {
        return String.format("HOSP-%02d", institution);
    }

    static String prescriberId(int institution, int number) {
        return String.format("DOC-%02d-%d", institution, number);
    }

    static String pharmacyId(int pharmacy) {
        return String.format("PH-%02d", pharmacy);
    }

    static String pharmacistId(int pharmacy, int number) {
        return String.format("RPH-%02d-%d", pharmacy, number);
    }

    /** A request's body and the Authorization header of the identity it is sent as. */
    record Request(String body, String authorization) {
    }

    // ---------------------------------------------------------------- the client loop

    static final class Client implements Runnable {
        final HttpClient http;
        final Options options;
        final Tokens tokens;
        final long windowStart;
        final long windowEnd;
        final ClientResult result = new ClientResult();
        final Duration timeout;

        Client(HttpClient http, Options options, Tokens tokens, long windowStart, long windowEnd) {
            this.http = http;
            this.options = options;
            this.tokens = tokens;
            this.windowStart = windowStart;
            this.windowEnd = windowEnd;
            this.timeout = Duration.ofSeconds(options.requestTimeoutSeconds);
        }

        @Override
        public void run() {
            if (options.issueOnly()) {
                runIssueOnly();
                return;
            }
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (System.nanoTime() < windowEnd && !Thread.currentThread().isInterrupted()) {
                UUID prescriptionId = UUID.randomUUID();
                String patientId = "PAT-" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
                LocalDate birthDate = LocalDate.of(1930, 1, 1).plusDays(random.nextInt(365 * 75));
                int institution = random.nextInt(INSTITUTIONS) + 1;
                String institutionId = institutionId(institution);
                String prescriberId = prescriberId(institution, random.nextInt(PRESCRIBERS_PER_INSTITUTION) + 1);
                int pharmacy = random.nextInt(PHARMACIES) + 1;
                String pharmacyId = pharmacyId(pharmacy);
                String pharmacistId = pharmacistId(pharmacy, random.nextInt(PHARMACISTS_PER_PHARMACY) + 1);
                // the tokens of the prescriber and pharmacist the bodies name (cached: no request inside the timing)
                String prescriberToken = tokens.prescriber(prescriberId, institutionId);
                String pharmacistToken = tokens.pharmacist(pharmacistId, pharmacyId);
                String drugCode = DRUG_CODES[random.nextInt(DRUG_CODES.length)];

                String issueBody = "{\"prescriptionId\":\"" + prescriptionId + "\","
                        + "\"patient\":{\"id\":\"" + patientId + "\",\"birthDate\":\"" + birthDate
                        + "\",\"name\":\"Bench Patient\"},"
                        + "\"prescriber\":{\"id\":\"" + prescriberId + "\",\"institutionId\":\"" + institutionId + "\"},"
                        + "\"lines\":[{\"lineNumber\":1,\"drugCode\":\"" + drugCode + "\",\"quantity\":28,"
                        + "\"unit\":\"tablet\",\"dosage\":\"1 tablet daily\",\"days\":28}],\"refills\":0}";
                Answer issued = step(0, "/prescriptions", issueBody, prescriberToken);
                if (issued == null || !issued.ok()) {
                    continue;
                }
                Matcher m = EXCHANGE_CODE.matcher(issued.body());
                if (!m.find()) {
                    error(0, "no-exchangeCode", issued);
                    continue;
                }
                String acceptBody = "{\"exchangeCode\":\"" + m.group(1) + "\",\"patientBirthDate\":\"" + birthDate
                        + "\",\"pharmacyId\":\"" + pharmacyId + "\",\"pharmacistId\":\"" + pharmacistId + "\"}";
                Answer accepted = step(1, "/prescriptions/accept", acceptBody, pharmacistToken);
                if (accepted == null || !accepted.ok()) {
                    continue;
                }
                String dispenseBody = "{\"pharmacyId\":\"" + pharmacyId + "\",\"pharmacistId\":\"" + pharmacistId
                        + "\",\"items\":[{\"lineNumber\":1,\"drugCode\":\"" + drugCode
                        + "\",\"quantity\":28,\"days\":28}],\"completesUse\":true}";
                Answer dispensed = step(2, "/prescriptions/" + prescriptionId + "/dispense", dispenseBody,
                        pharmacistToken);
                if (dispensed == null || !dispensed.ok()) {
                    continue;
                }
                if (!dispensed.body().contains("\"COMPLETED\"")) {
                    error(2, "not-COMPLETED", dispensed);
                    continue;
                }
                if (inWindow(dispensed.endNanos())) {
                    result.lifecycles++;
                } else if (dispensed.endNanos() < windowStart) {
                    result.warmupLifecycles++;
                }
            }
        }

        /** Issue-only: issue for random patients of the pool until the time is up; count alerts in the answers. */
        void runIssueOnly() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (System.nanoTime() < windowEnd && !Thread.currentThread().isInterrupted()) {
                Request issue = issueRequest(random, random.nextInt(options.patients));
                Answer issued = step(0, "/prescriptions", issue.body(), issue.authorization());
                if (issued == null || !issued.ok() || !inWindow(issued.endNanos())) {
                    continue;
                }
                result.issues++;
                if (NON_EMPTY_ALERTS.matcher(issued.body()).find()) {
                    result.issuesWithAlerts++;
                    Matcher ids = ALERT_ID.matcher(issued.body());
                    while (ids.find()) {
                        result.alertsInAnswers++;
                    }
                    if (result.alertSample == null) {
                        result.alertSample = issued.body();
                    }
                }
            }
        }

        boolean inWindow(long nanos) {
            return nanos >= windowStart && nanos < windowEnd;
        }

        /**
         * Sends one command with the Authorization header {@code authorization}; null when the run is over before it
         * starts. Records latency and errors.
         */
        Answer step(int step, String path, String json, String authorization) {
            long start = System.nanoTime();
            if (start >= windowEnd) {
                return null;
            }
            Answer answer = post(http, options, timeout, path, json, authorization);
            if (answer == null) {
                return null;
            }
            if (answer.status() == -1) {
                error(step, answer.body().substring(0, answer.body().indexOf(':')), answer);
                pause(); // do not spin when the server is gone
                return answer;
            }
            if (!answer.ok()) {
                error(step, Integer.toString(answer.status()), answer);
                return answer;
            }
            if (start >= windowStart) {
                result.latencyMicros[step].add((answer.endNanos() - start) / 1_000);
            }
            if (inWindow(answer.endNanos())) {
                result.commands++;
            }
            return answer;
        }

        /**
         * One issue for patient n of the pool (its birth date derived from n), one line of the issue-only drugs, by a
         * random prescriber, with that prescriber's token.
         */
        Request issueRequest(ThreadLocalRandom random, int n) {
            String[] drug = ISSUE_DRUGS[random.nextInt(ISSUE_DRUGS.length)];
            int institution = random.nextInt(INSTITUTIONS) + 1;
            String institutionId = institutionId(institution);
            String prescriberId = prescriberId(institution, random.nextInt(PRESCRIBERS_PER_INSTITUTION) + 1);
            String body = "{\"prescriptionId\":\"" + UUID.randomUUID() + "\","
                    + "\"patient\":{\"id\":\"" + options.poolPatient(n) + "\",\"birthDate\":\"" + poolBirthDate(n)
                    + "\",\"name\":\"Bench Patient\"},"
                    + "\"prescriber\":{\"id\":\"" + prescriberId + "\",\"institutionId\":\"" + institutionId + "\"},"
                    + "\"lines\":[{\"lineNumber\":1,\"drugCode\":\"" + drug[0] + "\",\"quantity\":28,"
                    + "\"unit\":\"" + drug[1] + "\",\"dosage\":\"1 daily\",\"days\":28}],\"refills\":0}";
            return new Request(body, tokens.prescriber(prescriberId, institutionId));
        }

        void error(int step, String what, Answer answer) {
            String key = STEPS[step] + " " + what;
            Map<String, Long> into = answer.startNanos() >= windowStart ? result.errors : result.warmupErrors;
            into.merge(key, 1L, Long::sum);
            if (result.errorSamples.size() < MAX_ERROR_SAMPLES) {
                String body = answer.body() == null ? "" : answer.body().replaceAll("\\s+", " ");
                result.errorSamples.add(key + " -> " + (body.length() > 400 ? body.substring(0, 400) + "..." : body));
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

    static LocalDate poolBirthDate(int n) {
        return LocalDate.of(1930, 1, 1).plusDays((n * 7919L) % (365 * 75));
    }

    /**
     * One POST, with the Authorization header {@code authorization} unless null; a transport failure is status -1
     * with "ExceptionName: message" as body; null when interrupted.
     */
    static Answer post(HttpClient http, Options options, Duration timeout, String path, String json,
                       String authorization) {
        long start = System.nanoTime();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(options.url + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), start, System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return new Answer(-1, e.getClass().getSimpleName() + ": " + e.getMessage(), start, System.nanoTime());
        }
    }

    /**
     * Issue-only: before the timed phase, the clients issue --seed-per-patient prescriptions to every patient of
     * the pool (each client its share of patients), unmeasured. Prints how long it took and any failure.
     */
    static void seed(HttpClient http, Options options, Tokens tokens) throws Exception {
        if (options.seedPerPatient == 0) {
            return;
        }
        long begin = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(options.clients);
        List<Future<long[]>> parts = new ArrayList<>();
        for (int c = 0; c < options.clients; c++) {
            int first = c;
            parts.add(pool.submit(() -> {
                long ok = 0;
                long failed = 0;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                Client helper = new Client(http, options, tokens, 0, 0);
                Duration timeout = Duration.ofSeconds(options.requestTimeoutSeconds);
                for (int round = 0; round < options.seedPerPatient; round++) {
                    for (int n = first; n < options.patients; n += options.clients) {
                        Request issue = helper.issueRequest(random, n);
                        Answer a = post(http, options, timeout, "/prescriptions", issue.body(), issue.authorization());
                        if (a != null && a.ok()) {
                            ok++;
                        } else {
                            failed++;
                            if (failed <= 3) {
                                System.err.println("seed issue failed: " + (a == null ? "interrupted"
                                        : a.status() + " " + a.body()));
                            }
                        }
                    }
                }
                return new long[] {ok, failed};
            }));
        }
        pool.shutdown();
        long ok = 0;
        long failed = 0;
        for (Future<long[]> f : parts) {
            long[] r = f.get();
            ok += r[0];
            failed += r[1];
        }
        System.out.printf(Locale.ROOT, "seeded %d prescriptions (%d per patient, %d patients) in %.1f s, %d failed%n",
                ok, options.seedPerPatient, options.patients, (System.nanoTime() - begin) / 1e9, failed);
    }

    // ---------------------------------------------------------------- main

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        URI base = URI.create(options.url);
        requireLoopback(base);

        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        System.out.printf(Locale.ROOT, "Lifecycle load (%s): %s, %d clients, %d s warmup + %d s measured%n",
                options.steps, options.url, options.clients, options.warmupSeconds, options.durationSeconds);
        Tokens tokens = new Tokens(http, options);
        try {
            tokens.prefetch();
        } catch (IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
        if (options.issueOnly()) {
            System.out.printf(Locale.ROOT, "issue only: %d patients in the pool, %d prescriptions each seeded first%n",
                    options.patients, options.seedPerPatient);
            seed(http, options, tokens);
        }

        long begin = System.nanoTime();
        long windowStart = begin + TimeUnit.SECONDS.toNanos(options.warmupSeconds);
        long windowEnd = windowStart + TimeUnit.SECONDS.toNanos(options.durationSeconds);

        ExecutorService pool = Executors.newFixedThreadPool(options.clients, r -> {
            Thread t = new Thread(r);
            t.setDaemon(true); // never keeps the JVM alive past main
            return t;
        });
        List<Client> clients = new ArrayList<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < options.clients; i++) {
            Client c = new Client(http, options, tokens, windowStart, windowEnd);
            clients.add(c);
            futures.add(pool.submit(c));
        }
        pool.shutdown();
        progress(options, begin, windowStart, windowEnd, pool);
        // Every client stops starting requests at windowEnd; the last one may still wait up to the request timeout.
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
        if (options.issueOnly()) {
            reportIssueOnly(options, clients);
        } else {
            report(options, clients);
        }
        System.exit(0);
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
        // no name lookups: "localhost" or a literal loopback address only
        if (!host.equalsIgnoreCase("localhost") && !(literal && InetAddress.getByName(host).isLoopbackAddress())) {
            Options.usage("refusing non-loopback host " + base.getHost() + ": use 127.0.0.1");
        }
    }

    /** Prints a line every 10 s until the clients have finished or the window is over. */
    static void progress(Options options, long begin, long windowStart, long windowEnd, ExecutorService pool)
            throws InterruptedException {
        while (System.nanoTime() < windowEnd) {
            long remaining = TimeUnit.NANOSECONDS.toMillis(windowEnd - System.nanoTime());
            if (pool.awaitTermination(Math.min(10_000, Math.max(1, remaining)), TimeUnit.MILLISECONDS)) {
                return;
            }
            long now = System.nanoTime();
            if (windowEnd - now > TimeUnit.SECONDS.toNanos(1)) {
                System.out.printf(Locale.ROOT, "  %3d s elapsed (%s)%n", TimeUnit.NANOSECONDS.toSeconds(now - begin),
                        now < windowStart ? "warmup" : "measuring");
            }
        }
    }

    // ---------------------------------------------------------------- report

    record StepStats(String step, int count, double p50, double p90, double p99, double max) {
    }

    static void report(Options options, List<Client> clients) {
        long lifecycles = 0;
        long commands = 0;
        long warmupLifecycles = 0;
        LongList[] merged = {new LongList(), new LongList(), new LongList()};
        Map<String, Long> errors = new TreeMap<>();
        Map<String, Long> warmupErrors = new TreeMap<>();
        List<String> samples = new ArrayList<>();
        for (Client c : clients) {
            ClientResult r = c.result;
            lifecycles += r.lifecycles;
            commands += r.commands;
            warmupLifecycles += r.warmupLifecycles;
            for (int s = 0; s < STEPS.length; s++) {
                merged[s].addAll(r.latencyMicros[s]);
            }
            r.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
            r.warmupErrors.forEach((k, v) -> warmupErrors.merge(k, v, Long::sum));
            for (String sample : r.errorSamples) {
                if (samples.size() < MAX_ERROR_SAMPLES) {
                    samples.add(sample);
                }
            }
        }
        double seconds = options.durationSeconds;
        double lifecyclesPerSecond = lifecycles / seconds;
        double commandsPerSecond = commands / seconds;
        long errorTotal = errors.values().stream().mapToLong(Long::longValue).sum();
        long warmupErrorTotal = warmupErrors.values().stream().mapToLong(Long::longValue).sum();

        List<StepStats> stats = new ArrayList<>();
        for (int s = 0; s < STEPS.length; s++) {
            long[] sorted = merged[s].sorted();
            stats.add(new StepStats(STEPS[s], sorted.length, percentileMs(sorted, 50), percentileMs(sorted, 90),
                    percentileMs(sorted, 99), sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1000.0));
        }

        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        System.out.println();
        System.out.println("=== Lifecycle load result (" + options.label + ", " + date + ") ===");
        System.out.printf(Locale.ROOT, "clients            %d%n", options.clients);
        System.out.printf(Locale.ROOT, "measured window    %d s (after %d s warmup, %d lifecycles in warmup)%n",
                options.durationSeconds, options.warmupSeconds, warmupLifecycles);
        System.out.printf(Locale.ROOT, "lifecycles         %d%n", lifecycles);
        System.out.printf(Locale.ROOT, "lifecycles/s       %.1f%n", lifecyclesPerSecond);
        System.out.printf(Locale.ROOT, "commands/s         %.1f  (%d successful commands, 3 per lifecycle)%n",
                commandsPerSecond, commands);
        System.out.printf(Locale.ROOT, "errors             %d in window, %d in warmup%n", errorTotal, warmupErrorTotal);
        errors.forEach((k, v) -> System.out.printf(Locale.ROOT, "    %-32s %d%n", k, v));
        warmupErrors.forEach((k, v) -> System.out.printf(Locale.ROOT, "    %-32s %d (warmup)%n", k, v));
        if (!samples.isEmpty()) {
            System.out.println("first error answers:");
            samples.forEach(s -> System.out.println("    " + s));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-9s %9s %10s %10s %10s %10s%n", "step", "count", "p50 ms", "p90 ms", "p99 ms",
                "max ms");
        for (StepStats s : stats) {
            System.out.printf(Locale.ROOT, "%-9s %9d %10s %10s %10s %10s%n", s.step(), s.count(), ms(s.p50()),
                    ms(s.p90()), ms(s.p99()), ms(s.max()));
        }

        System.out.println();
        System.out.println("--- Markdown (paste into docs/benchmarks.md) ---");
        String day = date.substring(0, 10);
        System.out.println("| Date | Run | Clients | Measured | Lifecycles | Lifecycles/s | Commands/s | Errors |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---|");
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %d s | %d | %.1f | %.1f | %s |%n", day, options.label,
                options.clients,
                options.durationSeconds, lifecycles, lifecyclesPerSecond, commandsPerSecond,
                errorTotal == 0 ? "0" : errorTotal + " (" + describe(errors) + ")");
        System.out.println();
        System.out.println("| Run | Step | Count | p50 ms | p90 ms | p99 ms | max ms |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        for (StepStats s : stats) {
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s |%n", options.label, s.step(), s.count(),
                    ms(s.p50()), ms(s.p90()), ms(s.p99()), ms(s.max()));
        }
        System.out.println("--- end Markdown ---");
    }

    static void reportIssueOnly(Options options, List<Client> clients) {
        long issues = 0;
        long withAlerts = 0;
        long alerts = 0;
        String sample = null;
        LongList merged = new LongList();
        Map<String, Long> errors = new TreeMap<>();
        Map<String, Long> warmupErrors = new TreeMap<>();
        List<String> samples = new ArrayList<>();
        for (Client c : clients) {
            ClientResult r = c.result;
            issues += r.issues;
            withAlerts += r.issuesWithAlerts;
            alerts += r.alertsInAnswers;
            if (sample == null) {
                sample = r.alertSample;
            }
            merged.addAll(r.latencyMicros[0]);
            r.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
            r.warmupErrors.forEach((k, v) -> warmupErrors.merge(k, v, Long::sum));
            for (String s : r.errorSamples) {
                if (samples.size() < MAX_ERROR_SAMPLES) {
                    samples.add(s);
                }
            }
        }
        long errorTotal = errors.values().stream().mapToLong(Long::longValue).sum();
        long warmupErrorTotal = warmupErrors.values().stream().mapToLong(Long::longValue).sum();
        double perSecond = issues / (double) options.durationSeconds;
        long[] sorted = merged.sorted();
        double p50 = percentileMs(sorted, 50);
        double p90 = percentileMs(sorted, 90);
        double p99 = percentileMs(sorted, 99);
        double max = sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1000.0;
        double alertShare = issues == 0 ? 0 : 100.0 * withAlerts / issues;

        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        System.out.println();
        System.out.println("=== Issue-only load result (" + options.label + ", " + date + ") ===");
        System.out.printf(Locale.ROOT, "clients            %d%n", options.clients);
        System.out.printf(Locale.ROOT, "patient pool       %d (%s)%n", options.patients, options.loadedPatients
                ? "PAT-1 ... PAT-" + options.patients + ", courses bulk-loaded"
                : options.seedPerPatient + " prescriptions each seeded first");
        System.out.printf(Locale.ROOT, "measured window    %d s (after %d s warmup)%n", options.durationSeconds,
                options.warmupSeconds);
        System.out.printf(Locale.ROOT, "issues             %d%n", issues);
        System.out.printf(Locale.ROOT, "issues/s           %.1f%n", perSecond);
        System.out.printf(Locale.ROOT, "with alerts        %d of %d issue answers (%.1f %%), %d alerts in them%n",
                withAlerts, issues, alertShare, alerts);
        System.out.printf(Locale.ROOT, "errors             %d in window, %d in warmup%n", errorTotal, warmupErrorTotal);
        errors.forEach((k, v) -> System.out.printf(Locale.ROOT, "    %-32s %d%n", k, v));
        warmupErrors.forEach((k, v) -> System.out.printf(Locale.ROOT, "    %-32s %d (warmup)%n", k, v));
        if (!samples.isEmpty()) {
            System.out.println("first error answers:");
            samples.forEach(s -> System.out.println("    " + s));
        }
        System.out.printf(Locale.ROOT, "issue latency      count %d, p50 %s ms, p90 %s ms, p99 %s ms, max %s ms%n",
                sorted.length, ms(p50), ms(p90), ms(p99), ms(max));
        if (sample != null) {
            String flat = sample.replaceAll("\\s+", " ");
            System.out.println("first issue answer with alerts (truncated):");
            System.out.println("    " + (flat.length() > 1500 ? flat.substring(0, 1500) + "..." : flat));
        }
        System.out.println();
        System.out.println("--- Markdown (paste into docs/benchmarks.md) ---");
        System.out.println("| Date | Run | Clients | Measured | Issues | Issues/s | p50 ms | p90 ms | p99 ms | max ms "
                + "| Answers with alerts | Errors |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %d s | %d | %.1f | %s | %s | %s | %s | %d (%.1f %%) | %s |%n",
                date.substring(0, 10), options.label, options.clients, options.durationSeconds, issues, perSecond,
                ms(p50), ms(p90), ms(p99), ms(max), withAlerts, alertShare,
                errorTotal == 0 ? "0" : errorTotal + " (" + describe(errors) + ")");
        System.out.println("--- end Markdown ---");
    }

    /** Nearest-rank percentile of sorted microsecond samples, in milliseconds. */
    static double percentileMs(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
    }

    static String ms(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    static String describe(Map<String, Long> errors) {
        StringBuilder b = new StringBuilder();
        errors.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(": ").append(v));
        return b.toString();
    }
}

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live-stream latency benchmark: how long after a command's acknowledgement the change reaches the clients that
 * watch it over Server-Sent Events, with many streams open and lifecycles (issue -> accept -> dispense) started at
 * a fixed rate.
 *
 * <p>What it does, in order:
 * <ol>
 *   <li>fetches one local token per identity it acts as ({@code POST /api/v1/local-tokens}, unmeasured): a
 *       PRESCRIBER per prescriber {@code DOC-<institution>-<n>} of {@code HOSP-<institution>} and a PHARMACIST per
 *       pharmacist {@code RPH-<pharmacy>-<n>} of {@code PH-<pharmacy>}, as {@code LifecycleLoad} does;</li>
 *   <li>opens {@code --streams} live streams before any load, alternately an institution's
 *       ({@code GET /institutions/HOSP-xx/prescriptions/stream}, with prescriber 1's token) and a pharmacy's
 *       ({@code GET /pharmacies/PH-xx/dispensing-view/stream}, with pharmacist 1's token), round robin over the
 *       institutions and pharmacies, so that each is watched by several streams (1,000 streams over 50 + 50: 10
 *       each); it waits for every stream's {@code snapshot} before going on. All streams share one
 *       {@link HttpClient} over HTTP/1.1 (one connection each); the commands use another;</li>
 *   <li>starts lifecycles <em>open loop</em>: lifecycle k is due at {@code start + k / rate}, whatever happened to
 *       the earlier ones, and is run by the first free worker of a fixed pool ({@code --workers}); a lifecycle
 *       that finds no free worker waits in the queue, and how late it started is reported (start lag). Each
 *       lifecycle has a new patient, a random institution and prescriber, a random pharmacy and pharmacist;</li>
 *   <li>for each command (issue, accept, dispense) records when its answer arrived (the <em>acknowledgement</em>:
 *       the moment the client had read the whole 2xx answer) and the {@code version} the answer shows; every
 *       stream records, for every {@code change} event, when its {@code data:} line arrived, with the event's
 *       {@code prescriptionId} and {@code version};</li>
 *   <li>after the window, waits {@code --miss-timeout-seconds} for late events, then works out per command and
 *       per subscriber that should see the change (issue: that institution's streams; accept and dispense: that
 *       institution's and that pharmacy's streams) the first event of that prescription with a version at least
 *       the answered one: latency = its arrival - the acknowledgement. It can be negative (the event beat the
 *       answer): such values are kept and counted, not clamped. A subscriber that got nothing within the miss
 *       timeout is a <em>missed</em> delivery.</li>
 * </ol>
 *
 * <p>Reported per step and over all commands whose answer arrived inside the measured window: "first" = the
 * first subscriber's arrival (the fastest of the watchers), "all" = the last subscriber's (the change is on every
 * screen), and every single delivery; p50/p90/p99/max and the minimum; missed deliveries; commands no subscriber
 * got in time; achieved lifecycles/s against the target; the start lag; the commands' own latency; errors;
 * streams that ended early. With {@code --app-pid} and {@code --database}, the CPU used in the window (from /proc)
 * by the whole machine, the exchange, this program, the PostgreSQL backends of the exchange's database, PostgreSQL's
 * own background processes, and everything else (other people's work on the machine).
 *
 * <p>Both times come from {@code System.nanoTime()} in this one JVM, each taken in the HTTP client's body
 * subscriber when the bytes were handed over (the answer's last bytes, the event's data line), so both include
 * the same kind of client-side delay. JDK only, run as a single-file program:
 * <pre>
 *   java bench/LiveLatencyLoad.java --url http://127.0.0.1:8080/api/v1 --streams 1000 --rate 50 \
 *       --duration-seconds 60 --warmup-seconds 10
 * </pre>
 * Only loopback addresses are accepted. Nothing is asserted.
 */
public class LiveLatencyLoad {

    static final String[] STEPS = {"issue", "accept", "dispense"};
    static final String[] DRUG_CODES = {"2171022F1021", "1129009F1025", "2189015F1023", "3962002F1024", "1149019F1027"};
    static final Pattern EXCHANGE_CODE = Pattern.compile("\"exchangeCode\"\\s*:\\s*\"(\\d{4}-\\d{4}-\\d{4}-\\d{4})\"");
    static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");
    static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    static final int PRESCRIBERS_PER_INSTITUTION = 4;
    static final int PHARMACISTS_PER_PHARMACY = 3;
    static final int MAX_ERROR_SAMPLES = 10;

    // ---------------------------------------------------------------- options

    static final class Options {
        String url = "http://127.0.0.1:8080/api/v1";
        int streams = 1000;
        double rate = 200;            // target lifecycles started per second
        int workers = 0;              // 0: chosen from the rate
        int durationSeconds = 60;
        int warmupSeconds = 10;
        int missTimeoutSeconds = 5;
        int requestTimeoutSeconds = 30;
        int openConcurrency = 16;
        int institutions = 50;
        int pharmacies = 50;
        long appPid = 0;
        String database = null;
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
                    case "--streams" -> o.streams = nonNegative(a, v);
                    case "--rate" -> {
                        try {
                            o.rate = Double.parseDouble(v);
                        } catch (NumberFormatException e) {
                            usage("--rate needs a number, not " + v);
                        }
                        if (!(o.rate > 0)) {
                            usage("--rate must be > 0");
                        }
                    }
                    case "--workers" -> o.workers = positive(a, v);
                    case "--duration-seconds" -> o.durationSeconds = positive(a, v);
                    case "--warmup-seconds" -> o.warmupSeconds = nonNegative(a, v);
                    case "--miss-timeout-seconds" -> o.missTimeoutSeconds = positive(a, v);
                    case "--request-timeout-seconds" -> o.requestTimeoutSeconds = positive(a, v);
                    case "--open-concurrency" -> o.openConcurrency = positive(a, v);
                    case "--institutions" -> o.institutions = between(a, v, 1, 99);
                    case "--pharmacies" -> o.pharmacies = between(a, v, 1, 99);
                    case "--app-pid" -> o.appPid = nonNegative(a, v);
                    case "--database" -> o.database = v;
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
            if (o.workers == 0) {
                // enough for lifecycles of up to 4 s each at the target rate, at least 32
                o.workers = (int) Math.max(32, Math.min(1000, Math.ceil(o.rate * 4)));
            }
            if (o.label == null) {
                o.label = String.format(Locale.ROOT, "%d streams, %s lifecycles/s", o.streams, rateText(o.rate));
            }
            return o;
        }

        static int between(String name, String v, int min, int max) {
            int n = nonNegative(name, v);
            if (n < min || n > max) {
                usage(name + " must be between " + min + " and " + max);
            }
            return n;
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
                    usage: java bench/LiveLatencyLoad.java [--url http://127.0.0.1:PORT/api/v1] [--streams 1000]
                           [--rate 200] [--workers N] [--duration-seconds 60] [--warmup-seconds 10]
                           [--miss-timeout-seconds 5] [--request-timeout-seconds 30] [--open-concurrency 16]
                           [--institutions 50] [--pharmacies 50] [--app-pid PID] [--database NAME] [--label text]
                    --rate: lifecycles (issue -> accept -> dispense) started per second, open loop, by a pool
                    of --workers threads (default 4 x rate, at least 32, at most 1000).
                    --app-pid: the exchange's pid, to report the CPU it used; --database: the exchange's
                    database, to tell its PostgreSQL processes from the others'.""");
            System.exit(problem == null ? 0 : 2);
        }
    }

    static String rateText(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : String.format(Locale.ROOT, "%.1f", rate);
    }

    // ---------------------------------------------------------------- recording

    /** A growable array of longs: no boxing, no external histogram library. */
    static final class LongList {
        long[] values = new long[1024];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }

    /**
     * One lifecycle's prescription: who should see its changes, what the commands answered and when, and every
     * change event of it that a stream delivered (stream index, version, arrival), in the order they came.
     */
    static final class Track {
        final int institution;
        final int pharmacy;
        final long[] ackNanos = new long[3];       // 0: no 2xx answer
        final long[] answeredVersion = new long[3];
        int[] eventStream = new int[32];
        long[] eventVersion = new long[32];
        long[] eventNanos = new long[32];
        int events;

        Track(int institution, int pharmacy) {
            this.institution = institution;
            this.pharmacy = pharmacy;
        }

        synchronized void event(int stream, long version, long nanos) {
            if (events == eventStream.length) {
                eventStream = Arrays.copyOf(eventStream, events * 2);
                eventVersion = Arrays.copyOf(eventVersion, events * 2);
                eventNanos = Arrays.copyOf(eventNanos, events * 2);
            }
            eventStream[events] = stream;
            eventVersion[events] = version;
            eventNanos[events] = nanos;
            events++;
        }

        /** Events delivered to a stream that watches neither this prescription's institution nor its pharmacy. */
        synchronized long strays(List<LiveStream> streams) {
            long n = 0;
            for (int i = 0; i < events; i++) {
                LiveStream s = streams.get(eventStream[i]);
                if (s.owner != (s.institution ? institution : pharmacy)) {
                    n++;
                }
            }
            return n;
        }

        /** Arrival of the first event from {@code stream} with a version >= {@code version}; -1 if none. */
        synchronized long firstArrival(int stream, long version) {
            long best = -1;
            for (int i = 0; i < events; i++) {
                if (eventStream[i] == stream && eventVersion[i] >= version && (best == -1 || eventNanos[i] < best)) {
                    best = eventNanos[i];
                }
            }
            return best;
        }
    }

    /** Prescriptions of this run by id, registered before their issue is sent (an event may beat the answer). */
    static final Map<String, Track> TRACKS = new ConcurrentHashMap<>();

    // ---------------------------------------------------------------- streams

    /** One open SSE connection and what arrived on it. Its fields are written by its body subscriber only. */
    static final class LiveStream implements Flow.Subscriber<String> {
        final int index;
        final boolean institution;   // else a pharmacy's
        final int owner;             // institution or pharmacy number
        final String path;
        final CountDownLatch snapshot = new CountDownLatch(1);
        volatile int status;
        volatile long snapshotNanos;
        volatile long endedNanos;    // 0 while open
        volatile String endReason;
        volatile String failure;     // opening failed
        String event = "message";
        volatile long changes;
        volatile long unmatched;     // change events for prescriptions this run did not issue
        volatile long heartbeats;
        volatile long unparsed;
        Flow.Subscription subscription;

        LiveStream(int index, boolean institution, int owner, String path) {
            this.index = index;
            this.institution = institution;
            this.owner = owner;
            this.path = path;
        }

        String name() {
            return (institution ? institutionId(owner) : pharmacyId(owner)) + "#" + index;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            long now = System.nanoTime();
            if (line.isEmpty()) {
                event = "message";   // end of one event
            } else if (line.charAt(0) == ':') {
                heartbeats++;
            } else if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                if (event.equals("snapshot")) {
                    snapshotNanos = now;
                    snapshot.countDown();
                } else if (event.equals("change")) {
                    changes++;
                    change(line, now);
                }
            }
        }

        void change(String data, long now) {
            int at = data.indexOf("\"prescriptionId\":\"");
            Matcher v = VERSION.matcher(data);
            if (at < 0 || !v.find()) {
                unparsed++;
                return;
            }
            int from = at + "\"prescriptionId\":\"".length();
            int to = data.indexOf('"', from);
            Track track = to < 0 ? null : TRACKS.get(data.substring(from, to));
            if (track == null) {
                unmatched++;
                return;
            }
            track.event(index, Long.parseLong(v.group(1)), now);
        }

        @Override
        public void onError(Throwable t) {
            ended(t.getClass().getSimpleName() + ": " + t.getMessage());
        }

        @Override
        public void onComplete() {
            ended("the exchange ended the stream");
        }

        void ended(String reason) {
            if (endedNanos == 0) {
                endReason = reason;
                endedNanos = System.nanoTime();
            }
            snapshot.countDown();
        }
    }

    /**
     * Opens every stream (a few at a time) and waits for its snapshot; prints how long that took. The streams
     * share {@code http}: one HTTP/1.1 connection each.
     */
    static List<LiveStream> openStreams(HttpClient http, Options options, Tokens tokens) throws Exception {
        List<LiveStream> streams = new ArrayList<>();
        for (int i = 0; i < options.streams; i++) {
            boolean institution = i % 2 == 0;
            int owner = (i / 2) % (institution ? options.institutions : options.pharmacies) + 1;
            String path = institution ? "/institutions/" + institutionId(owner) + "/prescriptions/stream"
                    : "/pharmacies/" + pharmacyId(owner) + "/dispensing-view/stream";
            streams.add(new LiveStream(i, institution, owner, path));
        }
        long begin = System.nanoTime();
        ExecutorService openers = Executors.newFixedThreadPool(options.openConcurrency);
        List<Future<?>> done = new ArrayList<>();
        for (LiveStream stream : streams) {
            done.add(openers.submit(() -> {
                String authorization = stream.institution
                        ? tokens.prescriber(prescriberId(stream.owner, 1), institutionId(stream.owner))
                        : tokens.pharmacist(pharmacistId(stream.owner, 1), pharmacyId(stream.owner));
                HttpRequest request = HttpRequest.newBuilder(URI.create(options.url + stream.path))
                        .header("Accept", "text/event-stream")
                        .header("Authorization", authorization)
                        .GET().build();
                HttpResponse.BodyHandler<Void> handler = info -> {
                    stream.status = info.statusCode();
                    if (info.statusCode() != 200) {
                        return HttpResponse.BodySubscribers.<String, Void>mapping(
                                HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8), body -> {
                                    stream.failure = "status " + info.statusCode() + ": " + body;
                                    stream.ended("not opened");
                                    return null;
                                });
                    }
                    return HttpResponse.BodySubscribers.fromLineSubscriber(stream);
                };
                http.sendAsync(request, handler).whenComplete((response, error) -> {
                    if (error != null) {
                        stream.failure = error.toString();
                        stream.ended("failed: " + error);
                    }
                });
                if (!stream.snapshot.await(30, TimeUnit.SECONDS)) {
                    stream.failure = "no snapshot within 30 s";
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        openers.shutdown();
        long open = streams.stream().filter(s -> s.failure == null && s.endedNanos == 0 && s.snapshotNanos != 0)
                .count();
        System.out.printf(Locale.ROOT, "opened %d of %d streams (%d institution, %d pharmacy) in %.1f s, "
                        + "each with its snapshot%n", open, streams.size(),
                streams.stream().filter(s -> s.institution).count(),
                streams.stream().filter(s -> !s.institution).count(), (System.nanoTime() - begin) / 1e9);
        streams.stream().filter(s -> s.failure != null).limit(5)
                .forEach(s -> System.out.println("    " + s.name() + " " + s.path + ": " + s.failure));
        return streams;
    }

    // ---------------------------------------------------------------- tokens

    /** Local tokens, one per identity, fetched once and kept as the Authorization header's value. */
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

        String pharmacist(String pharmacistId, String pharmacyId) {
            return byIdentity.computeIfAbsent("PHARMACIST " + pharmacistId + " " + pharmacyId,
                    key -> fetch("{\"role\":\"PHARMACIST\",\"subject\":\"" + pharmacistId
                            + "\",\"pharmacyId\":\"" + pharmacyId + "\"}"));
        }

        String fetch(String json) {
            Answer answer = post(http, options, "/local-tokens", json, null);
            Matcher m = answer.ok() ? ACCESS_TOKEN.matcher(answer.body()) : null;
            if (m == null || !m.find()) {
                throw new IllegalStateException("POST /local-tokens " + json + " answered " + answer.status() + " "
                        + answer.body() + " (is the exchange running with "
                        + "--exchange.security.local-tokens.enabled=true?)");
            }
            return "Bearer " + m.group(1);
        }

        void prefetch() throws Exception {
            long begin = System.nanoTime();
            List<Runnable> fetches = new ArrayList<>();
            for (int i = 1; i <= options.institutions; i++) {
                for (int n = 1; n <= PRESCRIBERS_PER_INSTITUTION; n++) {
                    int institution = i;
                    int number = n;
                    fetches.add(() -> prescriber(prescriberId(institution, number), institutionId(institution)));
                }
            }
            for (int p = 1; p <= options.pharmacies; p++) {
                for (int n = 1; n <= PHARMACISTS_PER_PHARMACY; n++) {
                    int pharmacy = p;
                    int number = n;
                    fetches.add(() -> pharmacist(pharmacistId(pharmacy, number), pharmacyId(pharmacy)));
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
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
            System.out.printf(Locale.ROOT, "fetched %d local tokens (one per prescriber and pharmacist) in %.1f s, "
                    + "not measured%n", byIdentity.size(), (System.nanoTime() - begin) / 1e9);
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

    // ---------------------------------------------------------------- commands

    /** One answer: status (-1: transport failure, body "Exception: message"), body, sent and acknowledged. */
    record Answer(int status, String body, long startNanos, long ackNanos) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** Reads the answer as a String and notes when its last bytes were handed over (the acknowledgement). */
    static final class TimedString implements HttpResponse.BodySubscriber<String> {
        final HttpResponse.BodySubscriber<String> inner = HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
        volatile long completedNanos;

        @Override
        public CompletionStage<String> getBody() {
            return inner.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            inner.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            inner.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            inner.onError(throwable);
        }

        @Override
        public void onComplete() {
            completedNanos = System.nanoTime();
            inner.onComplete();
        }
    }

    static Answer post(HttpClient http, Options options, String path, String json, String authorization) {
        long start = System.nanoTime();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(options.url + path))
                .timeout(Duration.ofSeconds(options.requestTimeoutSeconds))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        TimedString[] body = new TimedString[1];
        try {
            HttpResponse<String> response = http.send(builder.build(), info -> body[0] = new TimedString());
            long ack = body[0].completedNanos != 0 ? body[0].completedNanos : System.nanoTime();
            return new Answer(response.statusCode(), response.body(), start, ack);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "InterruptedException: interrupted", start, System.nanoTime());
        } catch (IOException | RuntimeException e) {
            return new Answer(-1, e.getClass().getSimpleName() + ": " + e.getMessage(), start, System.nanoTime());
        }
    }

    /** What the workers saw, shared (the counts are few and the lists are synchronized). */
    static final class LoadResult {
        final AtomicLong lifecyclesInWindow = new AtomicLong();   // dispense 2xx acknowledged inside the window
        final AtomicLong commandsInWindow = new AtomicLong();
        final AtomicLong startedInWindow = new AtomicLong();      // lifecycles due inside the window that started
        final AtomicLong dueInWindow = new AtomicLong();
        final AtomicLong notStarted = new AtomicLong();           // due, but no worker before the end
        final AtomicInteger inFlight = new AtomicInteger();
        final LongList startLagMicros = new LongList();           // lifecycles due inside the window
        final LongList[] commandMicros = {new LongList(), new LongList(), new LongList()};
        final Map<String, Long> errors = new TreeMap<>();
        final Map<String, Long> warmupErrors = new TreeMap<>();
        final List<String> errorSamples = new ArrayList<>();

        synchronized void lag(long micros) {
            startLagMicros.add(micros);
        }

        synchronized void command(int step, long micros) {
            commandMicros[step].add(micros);
        }

        synchronized void error(int step, String what, Answer answer, boolean inWindow) {
            String key = STEPS[step] + " " + what;
            (inWindow ? errors : warmupErrors).merge(key, 1L, Long::sum);
            if (errorSamples.size() < MAX_ERROR_SAMPLES) {
                String body = answer.body() == null ? "" : answer.body().replaceAll("\\s+", " ");
                errorSamples.add(key + " -> " + (body.length() > 400 ? body.substring(0, 400) + "..." : body));
            }
        }
    }

    /** One lifecycle, due at {@code dueNanos}: issue -> accept -> dispense, each answer noted in its track. */
    static final class Lifecycle implements Runnable {
        final HttpClient http;
        final Options options;
        final Tokens tokens;
        final LoadResult result;
        final long dueNanos;
        final long windowStart;
        final long windowEnd;

        Lifecycle(HttpClient http, Options options, Tokens tokens, LoadResult result, long dueNanos,
                  long windowStart, long windowEnd) {
            this.http = http;
            this.options = options;
            this.tokens = tokens;
            this.result = result;
            this.dueNanos = dueNanos;
            this.windowStart = windowStart;
            this.windowEnd = windowEnd;
        }

        boolean inWindow(long nanos) {
            return nanos >= windowStart && nanos < windowEnd;
        }

        @Override
        public void run() {
            long started = System.nanoTime();
            if (started >= windowEnd) {
                result.notStarted.incrementAndGet();
                return;
            }
            if (inWindow(dueNanos)) {
                result.startedInWindow.incrementAndGet();
                result.lag((started - dueNanos) / 1_000);
            }
            result.inFlight.incrementAndGet();
            try {
                lifecycle();
            } finally {
                result.inFlight.decrementAndGet();
            }
        }

        void lifecycle() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String prescriptionId = UUID.randomUUID().toString();
            String patientId = "PAT-" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
            LocalDate birthDate = LocalDate.of(1930, 1, 1).plusDays(random.nextInt(365 * 75));
            int institution = random.nextInt(options.institutions) + 1;
            String institutionId = institutionId(institution);
            String prescriberId = prescriberId(institution, random.nextInt(PRESCRIBERS_PER_INSTITUTION) + 1);
            int pharmacy = random.nextInt(options.pharmacies) + 1;
            String pharmacyId = pharmacyId(pharmacy);
            String pharmacistId = pharmacistId(pharmacy, random.nextInt(PHARMACISTS_PER_PHARMACY) + 1);
            String prescriberToken = tokens.prescriber(prescriberId, institutionId);
            String pharmacistToken = tokens.pharmacist(pharmacistId, pharmacyId);
            String drugCode = DRUG_CODES[random.nextInt(DRUG_CODES.length)];
            Track track = new Track(institution, pharmacy);
            TRACKS.put(prescriptionId, track);   // before the issue: its event may arrive before its answer

            String issueBody = "{\"prescriptionId\":\"" + prescriptionId + "\","
                    + "\"patient\":{\"id\":\"" + patientId + "\",\"birthDate\":\"" + birthDate
                    + "\",\"name\":\"Bench Patient\"},"
                    + "\"prescriber\":{\"id\":\"" + prescriberId + "\",\"institutionId\":\"" + institutionId + "\"},"
                    + "\"lines\":[{\"lineNumber\":1,\"drugCode\":\"" + drugCode + "\",\"quantity\":28,"
                    + "\"unit\":\"tablet\",\"dosage\":\"1 tablet daily\",\"days\":28}],\"refills\":0}";
            Answer issued = step(track, 0, "/prescriptions", issueBody, prescriberToken);
            if (issued == null) {
                return;
            }
            Matcher m = EXCHANGE_CODE.matcher(issued.body());
            if (!m.find()) {
                result.error(0, "no-exchangeCode", issued, issued.startNanos() >= windowStart);
                return;
            }
            String acceptBody = "{\"exchangeCode\":\"" + m.group(1) + "\",\"patientBirthDate\":\"" + birthDate
                    + "\",\"pharmacyId\":\"" + pharmacyId + "\",\"pharmacistId\":\"" + pharmacistId + "\"}";
            if (step(track, 1, "/prescriptions/accept", acceptBody, pharmacistToken) == null) {
                return;
            }
            String dispenseBody = "{\"pharmacyId\":\"" + pharmacyId + "\",\"pharmacistId\":\"" + pharmacistId
                    + "\",\"items\":[{\"lineNumber\":1,\"drugCode\":\"" + drugCode
                    + "\",\"quantity\":28,\"days\":28}],\"completesUse\":true}";
            Answer dispensed = step(track, 2, "/prescriptions/" + prescriptionId + "/dispense", dispenseBody,
                    pharmacistToken);
            if (dispensed == null) {
                return;
            }
            if (!dispensed.body().contains("\"COMPLETED\"")) {
                result.error(2, "not-COMPLETED", dispensed, dispensed.startNanos() >= windowStart);
                return;
            }
            if (inWindow(dispensed.ackNanos())) {
                result.lifecyclesInWindow.incrementAndGet();
            }
        }

        /** Sends one command; null (after counting the error) unless it answered 2xx with a version. */
        Answer step(Track track, int step, String path, String json, String authorization) {
            Answer answer = post(http, options, path, json, authorization);
            boolean measured = answer.startNanos() >= windowStart;
            if (answer.status() == -1) {
                result.error(step, answer.body().substring(0, Math.max(0, answer.body().indexOf(':'))), answer,
                        measured);
                return null;
            }
            if (!answer.ok()) {
                result.error(step, Integer.toString(answer.status()), answer, measured);
                return null;
            }
            Matcher v = VERSION.matcher(answer.body());
            if (!v.find()) {
                result.error(step, "no-version", answer, measured);
                return null;
            }
            track.answeredVersion[step] = Long.parseLong(v.group(1));
            track.ackNanos[step] = answer.ackNanos();
            if (measured) {
                result.command(step, (answer.ackNanos() - answer.startNanos()) / 1_000);
            }
            if (inWindow(answer.ackNanos())) {
                result.commandsInWindow.incrementAndGet();
            }
            return answer;
        }
    }

    // ---------------------------------------------------------------- CPU from /proc

    /**
     * Jiffies: the whole machine's busy time, and user+system of a few processes. PostgreSQL's processes by kind
     * (their process titles say which database a backend serves): 0 = a backend (or autovacuum worker) of this
     * run's database, 1 = a backend of another database, 2 = the server's own (postmaster, checkpointer, WAL
     * writer, ...), which work for every database.
     */
    record CpuSample(long machineBusy, long machineTotal, long app, long self, Map<Long, long[]> postgres) {
    }

    static CpuSample cpuSample(long appPid, String database) {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {   // user .. steal
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            Map<Long, long[]> postgres = new HashMap<>();
            try (var dirs = Files.list(Path.of("/proc"))) {
                for (Path dir : (Iterable<Path>) dirs::iterator) {
                    String name = dir.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        String comm = Files.readString(dir.resolve("comm")).trim();
                        if (comm.startsWith("postgres")) {
                            String title = Files.readString(dir.resolve("cmdline")).replace('\0', ' ');
                            int kind = database != null && (" " + title + " ").contains(" " + database + " ") ? 0
                                    : title.contains("127.0.0.1(") || title.contains("[local]")
                                      || title.matches(".*\\(\\d+\\).*") ? 1 : 2;
                            postgres.put(Long.parseLong(name),
                                    new long[] {kind, processJiffies(Long.parseLong(name))});
                        }
                    } catch (IOException | RuntimeException gone) {
                        // the process ended meanwhile
                    }
                }
            }
            return new CpuSample(total - idle, total, appPid == 0 ? -1 : processJiffies(appPid),
                    processJiffies(ProcessHandle.current().pid()), postgres);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static long processJiffies(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);   // utime, stime
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    // ---------------------------------------------------------------- main

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        URI base = URI.create(options.url);
        requireLoopback(base);

        HttpClient commandsHttp = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpClient streamsHttp = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        System.out.printf(Locale.ROOT, "Live latency load: %s, %d streams, target %s lifecycles/s (open loop, %d "
                        + "workers), %d s warmup + %d s measured, miss timeout %d s%n", options.url, options.streams,
                rateText(options.rate), options.workers, options.warmupSeconds, options.durationSeconds,
                options.missTimeoutSeconds);
        Tokens tokens = new Tokens(commandsHttp, options);
        List<LiveStream> streams;
        try {
            tokens.prefetch();
            streams = openStreams(streamsHttp, options, tokens);
        } catch (IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        long openStreams = streams.stream().filter(s -> s.failure == null && s.endedNanos == 0).count();
        if (openStreams < streams.size()) {
            System.out.println("!!! only " + openStreams + " of " + streams.size() + " streams are open: the figures "
                    + "count the others' deliveries as missed !!!");
        }
        Map<Integer, List<LiveStream>> byInstitution = new HashMap<>();
        Map<Integer, List<LiveStream>> byPharmacy = new HashMap<>();
        for (LiveStream s : streams) {
            (s.institution ? byInstitution : byPharmacy).computeIfAbsent(s.owner, k -> new ArrayList<>()).add(s);
        }

        LoadResult result = new LoadResult();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(options.workers, options.workers, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "lifecycle");
                    t.setDaemon(true);
                    return t;
                });
        workers.prestartAllCoreThreads();
        long begin = System.nanoTime();
        long windowStart = begin + TimeUnit.SECONDS.toNanos(options.warmupSeconds);
        long windowEnd = windowStart + TimeUnit.SECONDS.toNanos(options.durationSeconds);
        double periodNanos = 1e9 / options.rate;
        CpuSample[] cpu = new CpuSample[2];

        // the schedule: lifecycle k is due at begin + k / rate, whatever became of the earlier ones
        long nextReport = begin + TimeUnit.SECONDS.toNanos(10);
        for (long k = 0; ; k++) {
            long due = begin + (long) (k * periodNanos);
            if (due >= windowEnd) {
                break;
            }
            long now;
            while ((now = System.nanoTime()) < due) {
                if (cpu[0] == null && now >= windowStart) {
                    cpu[0] = cpuSample(options.appPid, options.database);
                }
                LockSupport.parkNanos(Math.min(due - now, 50_000_000L));
            }
            if (cpu[0] == null && now >= windowStart) {
                cpu[0] = cpuSample(options.appPid, options.database);
            }
            if (due >= windowStart) {
                result.dueInWindow.incrementAndGet();
            }
            workers.execute(new Lifecycle(commandsHttp, options, tokens, result, due, windowStart, windowEnd));
            if (now >= nextReport) {
                nextReport += TimeUnit.SECONDS.toNanos(10);
                System.out.printf(Locale.ROOT, "  %3d s (%s): %d lifecycles due so far, %d in flight, %d waiting "
                                + "for a worker, %d change events received%n",
                        TimeUnit.NANOSECONDS.toSeconds(now - begin), now < windowStart ? "warmup" : "measuring",
                        k + 1, result.inFlight.get(), workers.getQueue().size(),
                        streams.stream().mapToLong(s -> s.changes).sum());
            }
        }
        long left = windowEnd - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
        if (cpu[0] == null) {
            cpu[0] = cpuSample(options.appPid, options.database);
        }
        cpu[1] = cpuSample(options.appPid, options.database);
        long closedAtEnd = streams.stream().filter(s -> s.endedNanos != 0).count();
        workers.shutdown();
        long graceMillis = TimeUnit.SECONDS.toMillis(options.requestTimeoutSeconds) * 3 + 5_000;
        if (!workers.awaitTermination(graceMillis, TimeUnit.MILLISECONDS)) {
            System.err.println("warning: lifecycles still running " + graceMillis + " ms after the end; interrupting");
            workers.shutdownNow();
            workers.awaitTermination(5, TimeUnit.SECONDS);
        }
        // the last measured commands may still have events on the way
        TimeUnit.SECONDS.sleep(options.missTimeoutSeconds + 1);

        report(options, streams, byInstitution, byPharmacy, result, windowStart, windowEnd, cpu, closedAtEnd);
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
        if (!host.equalsIgnoreCase("localhost") && !(literal && InetAddress.getByName(host).isLoopbackAddress())) {
            Options.usage("refusing non-loopback host " + base.getHost() + ": use 127.0.0.1");
        }
    }

    // ---------------------------------------------------------------- report

    /** The latencies of one step (or all steps), in microseconds, signed. */
    static final class Latencies {
        final LongList first = new LongList();       // per command: first subscriber's arrival
        final LongList all = new LongList();         // per command with every delivery in time: the last one's
        final LongList deliveries = new LongList();  // per (command, subscriber) in time
        long commands;
        long noSubscribers;       // commands with no subscriber to expect (no stream of that institution/pharmacy)
        long noneInTime;          // commands no subscriber got within the miss timeout
        long incomplete;          // commands some subscriber did not get within the miss timeout
        long expected;            // deliveries expected
        long missed;              // deliveries that never came within the miss timeout
        long late;                // ... of which arrived, but later than the miss timeout
        long negativeFirst;
        long negativeDeliveries;

        void add(Latencies other) {
            for (int i = 0; i < other.first.size; i++) {
                first.add(other.first.values[i]);
            }
            for (int i = 0; i < other.all.size; i++) {
                all.add(other.all.values[i]);
            }
            for (int i = 0; i < other.deliveries.size; i++) {
                deliveries.add(other.deliveries.values[i]);
            }
            commands += other.commands;
            noSubscribers += other.noSubscribers;
            noneInTime += other.noneInTime;
            incomplete += other.incomplete;
            expected += other.expected;
            missed += other.missed;
            late += other.late;
            negativeFirst += other.negativeFirst;
            negativeDeliveries += other.negativeDeliveries;
        }
    }

    record Stats(int count, double min, double p50, double p90, double p99, double max) {
        static Stats of(LongList micros) {
            long[] s = micros.sorted();
            if (s.length == 0) {
                return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Stats(s.length, s[0] / 1000.0, pct(s, 50), pct(s, 90), pct(s, 99), s[s.length - 1] / 1000.0);
        }

        /** Nearest-rank percentile of sorted microsecond samples, in milliseconds. */
        static double pct(long[] sorted, double p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
        }
    }

    static void report(Options options, List<LiveStream> streams, Map<Integer, List<LiveStream>> byInstitution,
                       Map<Integer, List<LiveStream>> byPharmacy, LoadResult result, long windowStart,
                       long windowEnd, CpuSample[] cpu, long closedAtEnd) {
        long missNanos = TimeUnit.SECONDS.toNanos(options.missTimeoutSeconds);
        Latencies[] bySteps = {new Latencies(), new Latencies(), new Latencies()};
        long strays = 0;
        for (Track track : TRACKS.values()) {
            strays += track.strays(streams);
            for (int step = 0; step < 3; step++) {
                long ack = track.ackNanos[step];
                if (ack == 0 || ack < windowStart || ack >= windowEnd) {
                    continue;
                }
                Latencies l = bySteps[step];
                l.commands++;
                List<LiveStream> expected = new ArrayList<>(byInstitution.getOrDefault(track.institution, List.of()));
                if (step > 0) {
                    expected.addAll(byPharmacy.getOrDefault(track.pharmacy, List.of()));
                }
                if (expected.isEmpty()) {
                    l.noSubscribers++;
                    continue;
                }
                long first = Long.MAX_VALUE;
                long last = Long.MIN_VALUE;
                boolean complete = true;
                for (LiveStream s : expected) {
                    l.expected++;
                    long arrival = track.firstArrival(s.index, track.answeredVersion[step]);
                    if (arrival == -1 || arrival - ack > missNanos) {
                        l.missed++;
                        if (arrival != -1) {
                            l.late++;
                        }
                        complete = false;
                        continue;
                    }
                    long micros = (arrival - ack) / 1_000;
                    l.deliveries.add(micros);
                    if (micros < 0) {
                        l.negativeDeliveries++;
                    }
                    first = Math.min(first, micros);
                    last = Math.max(last, micros);
                }
                if (first == Long.MAX_VALUE) {
                    l.noneInTime++;
                    l.incomplete++;
                    continue;
                }
                l.first.add(first);
                if (first < 0) {
                    l.negativeFirst++;
                }
                if (complete) {
                    l.all.add(last);
                } else {
                    l.incomplete++;
                }
            }
        }
        Latencies total = new Latencies();
        for (Latencies l : bySteps) {
            total.add(l);
        }

        double seconds = options.durationSeconds;
        double lifecyclesPerSecond = result.lifecyclesInWindow.get() / seconds;
        double commandsPerSecond = result.commandsInWindow.get() / seconds;
        long errorTotal = result.errors.values().stream().mapToLong(Long::longValue).sum();
        long warmupErrorTotal = result.warmupErrors.values().stream().mapToLong(Long::longValue).sum();
        Stats lag = Stats.of(result.startLagMicros);
        long changes = streams.stream().mapToLong(s -> s.changes).sum();
        long unmatched = streams.stream().mapToLong(s -> s.unmatched).sum();
        long unparsed = streams.stream().mapToLong(s -> s.unparsed).sum();
        long heartbeats = streams.stream().mapToLong(s -> s.heartbeats).sum();
        long endedBeforeReport = streams.stream().filter(s -> s.endedNanos != 0).count();
        long notOpened = streams.stream().filter(s -> s.failure != null).count();

        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        System.out.println();
        System.out.println("=== Live latency result (" + options.label + ", " + date + ") ===");
        System.out.printf(Locale.ROOT, "streams            %d requested, %d not opened, %d ended before the end of "
                        + "the window, %d before this report%n", streams.size(), notOpened, closedAtEnd,
                endedBeforeReport);
        streams.stream().filter(s -> s.endedNanos != 0 && s.failure == null).limit(5).forEach(s ->
                System.out.println("    " + s.name() + " ended: " + s.endReason));
        System.out.printf(Locale.ROOT, "stream events      %d change events (%d for prescriptions of other runs, %d "
                + "unparsed, %d on a stream of another institution or pharmacy), %d heartbeats%n", changes, unmatched,
                unparsed, strays, heartbeats);
        System.out.printf(Locale.ROOT, "target rate        %s lifecycles/s, open loop, %d workers%n",
                rateText(options.rate), options.workers);
        System.out.printf(Locale.ROOT, "measured window    %d s (after %d s warmup)%n", options.durationSeconds,
                options.warmupSeconds);
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
                result.lifecyclesInWindow.get(), 100 * lifecyclesPerSecond / options.rate, commandsPerSecond);
        System.out.printf(Locale.ROOT, "errors             %d in window, %d in warmup%n", errorTotal,
                warmupErrorTotal);
        result.errors.forEach((k, v) -> System.out.printf(Locale.ROOT, "    %-32s %d%n", k, v));
        result.warmupErrors.forEach((k, v) -> System.out.printf(Locale.ROOT, "    %-32s %d (warmup)%n", k, v));
        if (!result.errorSamples.isEmpty()) {
            System.out.println("first error answers:");
            result.errorSamples.forEach(s -> System.out.println("    " + s));
        }
        String cpuLine = cpuLine(cpu, options.appPid, options.database);
        System.out.println("cpu in the window  " + cpuLine);

        System.out.println();
        System.out.println("command latency (send -> acknowledgement), commands sent inside the window:");
        System.out.printf(Locale.ROOT, "%-9s %9s %10s %10s %10s %10s%n", "step", "count", "p50 ms", "p90 ms",
                "p99 ms", "max ms");
        Stats[] commandStats = new Stats[3];
        for (int s = 0; s < 3; s++) {
            commandStats[s] = Stats.of(result.commandMicros[s]);
            System.out.printf(Locale.ROOT, "%-9s %9d %10s %10s %10s %10s%n", STEPS[s], commandStats[s].count(),
                    ms(commandStats[s].p50()), ms(commandStats[s].p90()), ms(commandStats[s].p99()),
                    ms(commandStats[s].max()));
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
            Stats first = Stats.of(l.first);
            Stats all = Stats.of(l.all);
            Stats each = Stats.of(l.deliveries);
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
                    l.expected, l.missed, l.late, options.missTimeoutSeconds, l.noneInTime, l.incomplete,
                    l.noSubscribers == 0 ? "" : ", with no stream to watch them " + l.noSubscribers);
            rows.add(String.format(Locale.ROOT, "| %s | %s | %d | %s / %s / %s / %s | %s / %s / %s / %s | %s / %s / %s "
                            + "/ %s | %s | %d of %d | %d of %d | %d |", options.label, names[i], l.commands,
                    ms(first.p50()), ms(first.p90()), ms(first.p99()), ms(first.max()),
                    ms(each.p50()), ms(each.p90()), ms(each.p99()), ms(each.max()),
                    ms(all.p50()), ms(all.p90()), ms(all.p99()), ms(all.max()),
                    ms(each.min()), l.negativeDeliveries, each.count(), l.missed, l.expected, l.incomplete));
        }

        System.out.println();
        System.out.println("--- Markdown (paste into docs/benchmarks.md) ---");
        System.out.println("| Date | Run | Streams | Target/s | Achieved lifecycles/s | Commands/s | Due / started "
                + "in the window | Start lag p99 ms | Sustained | Errors | CPU in the window |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---|---|---|");
        System.out.printf(Locale.ROOT, "| %s | %s | %d (%d not opened, %d ended early) | %s | %.1f | %.1f | %d / %d "
                        + "| %s | %s | %s | %s |%n", date.substring(0, 10), options.label, streams.size(), notOpened,
                closedAtEnd, rateText(options.rate), lifecyclesPerSecond, commandsPerSecond,
                result.dueInWindow.get(), result.startedInWindow.get(), ms(lag.p99()), sustained ? "yes" : "no",
                errorTotal == 0 ? "0" : errorTotal + " (" + describe(result.errors) + ")", cpuLine);
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
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s |%n", options.label, STEPS[s],
                    commandStats[s].count(), ms(commandStats[s].p50()), ms(commandStats[s].p90()),
                    ms(commandStats[s].p99()), ms(commandStats[s].max()));
        }
        System.out.println("--- end Markdown ---");
    }

    /** The share of all CPUs (of n x 100 %) used in the window by the machine, the exchange, this, PostgreSQL. */
    static String cpuLine(CpuSample[] cpu, long appPid, String database) {
        if (cpu[0] == null || cpu[1] == null) {
            return "not sampled";
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        double total = cpu[1].machineTotal() - cpu[0].machineTotal();   // jiffies of all CPUs together
        if (total <= 0) {
            return "not sampled";
        }
        double scale = 100.0 * cpus / total;
        double busy = (cpu[1].machineBusy() - cpu[0].machineBusy()) * scale;
        double self = (cpu[1].self() - cpu[0].self()) * scale;
        double app = appPid == 0 || cpu[0].app() < 0 || cpu[1].app() < 0 ? Double.NaN
                : (cpu[1].app() - cpu[0].app()) * scale;
        long[] pg = new long[3];
        for (Map.Entry<Long, long[]> e : cpu[1].postgres().entrySet()) {
            long[] before = cpu[0].postgres().get(e.getKey());
            if (before != null && before[1] >= 0 && e.getValue()[1] >= 0) {
                pg[(int) e.getValue()[0]] += e.getValue()[1] - before[1];
            }
        }
        double mine = pg[0] * scale;
        double shared = pg[2] * scale;
        double rest = busy - self - mine - shared - (Double.isNaN(app) ? 0 : app);
        return String.format(Locale.ROOT, "machine %.0f %% of %d00 %%: exchange %s, load client %.0f %%, "
                        + "PostgreSQL for this run %s, PostgreSQL background %.0f %%, "
                        + "everything else (other sessions) %.0f %%", busy, cpus,
                Double.isNaN(app) ? "not sampled" : String.format(Locale.ROOT, "%.0f %%", app), self,
                database == null ? "not told apart" : String.format(Locale.ROOT, "%.0f %%", mine), shared, rest);
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

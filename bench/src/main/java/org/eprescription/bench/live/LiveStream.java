package org.eprescription.bench.live;

import org.eprescription.bench.common.Staff;
import org.eprescription.bench.common.Tokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One open SSE connection and what arrived on it. Its fields are written by its body subscriber only. */
final class LiveStream implements Flow.Subscriber<String> {

    static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");

    final int index;
    final boolean institution;   // else a pharmacy's
    final int owner;             // institution or pharmacy number
    final String path;
    private final Map<String, Track> tracks;
    final CountDownLatch snapshot = new CountDownLatch(1);
    volatile long snapshotNanos;
    volatile long endedNanos;    // 0 while open
    volatile String endReason;
    volatile String failure;     // opening failed
    private String event = "message";
    volatile long changes;
    volatile long unmatched;     // change events for prescriptions this run did not issue
    volatile long heartbeats;
    volatile long unparsed;

    LiveStream(int index, boolean institution, int owner, Map<String, Track> tracks) {
        this.index = index;
        this.institution = institution;
        this.owner = owner;
        this.tracks = tracks;
        this.path = institution ? "/institutions/" + Staff.institutionId(owner) + "/prescriptions/stream"
                : "/pharmacies/" + Staff.pharmacyId(owner) + "/dispensing-view/stream";
    }

    String name() {
        return (institution ? Staff.institutionId(owner) : Staff.pharmacyId(owner)) + "#" + index;
    }

    boolean open() {
        return failure == null && endedNanos == 0;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
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

    private void change(String data, long now) {
        int at = data.indexOf("\"prescriptionId\":\"");
        Matcher v = VERSION.matcher(data);
        if (at < 0 || !v.find()) {
            unparsed++;
            return;
        }
        int from = at + "\"prescriptionId\":\"".length();
        int to = data.indexOf('"', from);
        Track track = to < 0 ? null : tracks.get(data.substring(from, to));
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

    /**
     * Opens {@code count} streams before any load, alternately an institution's (with its prescriber 1's token) and
     * a pharmacy's (with its pharmacist 1's token), round robin, a few at a time, and waits for each one's
     * snapshot; prints how long that took. The streams share one HTTP/1.1 client: one connection each.
     */
    static List<LiveStream> openAll(String base, LiveLatencyLoad.Options options, Tokens tokens,
                                    Map<String, Track> tracks) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        List<LiveStream> streams = new ArrayList<>();
        for (int i = 0; i < options.streams(); i++) {
            boolean institution = i % 2 == 0;
            int owner = (i / 2) % (institution ? options.institutions() : options.pharmacies()) + 1;
            streams.add(new LiveStream(i, institution, owner, tracks));
        }
        long begin = System.nanoTime();
        ExecutorService openers = Executors.newFixedThreadPool(options.openConcurrency());
        List<Future<?>> done = new ArrayList<>();
        for (LiveStream stream : streams) {
            done.add(openers.submit(() -> {
                stream.open(http, base, tokens);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        openers.shutdown();
        long open = streams.stream().filter(s -> s.open() && s.snapshotNanos != 0).count();
        System.out.printf(Locale.ROOT, "opened %d of %d streams (%d institution, %d pharmacy) in %.1f s, "
                        + "each with its snapshot%n", open, streams.size(),
                streams.stream().filter(s -> s.institution).count(),
                streams.stream().filter(s -> !s.institution).count(), (System.nanoTime() - begin) / 1e9);
        streams.stream().filter(s -> s.failure != null).limit(5)
                .forEach(s -> System.out.println("    " + s.name() + " " + s.path + ": " + s.failure));
        return streams;
    }

    private void open(HttpClient http, String base, Tokens tokens) throws InterruptedException {
        String authorization = institution
                ? tokens.prescriber(Staff.prescriberId(owner, 1), Staff.institutionId(owner))
                : tokens.pharmacist(Staff.pharmacistId(owner, 1), Staff.pharmacyId(owner));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/event-stream")
                .header("Authorization", authorization)
                .GET().build();
        HttpResponse.BodyHandler<Void> handler = info -> {
            if (info.statusCode() != 200) {
                return HttpResponse.BodySubscribers.mapping(
                        HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8), body -> {
                            failure = "status " + info.statusCode() + ": " + body;
                            ended("not opened");
                            return null;
                        });
            }
            return HttpResponse.BodySubscribers.fromLineSubscriber(this);
        };
        http.sendAsync(request, handler).whenComplete((response, error) -> {
            if (error != null) {
                failure = error.toString();
                ended("failed: " + error);
            }
        });
        if (!snapshot.await(30, TimeUnit.SECONDS)) {
            failure = "no snapshot within 30 s";
        }
    }
}

package org.eprescription.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Reads a Server-Sent Events stream as a browser's EventSource would: each event's {@code id}, {@code event} name
 * and JSON {@code data}, with the time it arrived; comment lines are counted as heartbeats.
 */
public final class SseClient implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Event(String id, String name, JsonNode data, long receivedNanos) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;
    private final Thread reader;
    private volatile int heartbeats;

    private SseClient(HttpResponse<Stream<String>> response, ObjectMapper json) {
        this.response = response;
        this.reader = new Thread(() -> read(json), "sse-test-client");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Opens {@code /api/v1 + path}; {@code lastEventId} as a reconnecting EventSource sends it, or null. */
    public static SseClient open(int port, String path, ObjectMapper json, String lastEventId) {
        return open(port, path, json, lastEventId, null);
    }

    /**
     * Opens {@code /api/v1 + path} with the token of {@code identity}, or when null of the party the path names
     * (the pharmacy, the institution; an auditor for a prescription).
     */
    public static SseClient open(int port, String path, ObjectMapper json, String lastEventId, Identity identity) {
        return openWithToken(port, path, json, lastEventId, TestTokens.of(identity != null ? identity
                : NamedParties.of("GET", path, null, java.util.Map.of())));
    }

    /** Opens {@code /api/v1 + path} with the bearer token {@code token}. */
    public static SseClient openWithToken(int port, String path, ObjectMapper json, String lastEventId,
                                          String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
                .header("Accept", "text/event-stream").GET()
                // until the answer's headers arrive; a stream that never answers fails the test instead of hanging it
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<Stream<String>> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IllegalStateException("stream " + path + " answered " + response.statusCode());
            }
            return new SseClient(response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int status(int port, String path) {
        return status(port, path, NamedParties.of("GET", path, null, java.util.Map.of()));
    }

    /** The status a stream answers {@code identity} with (null: no token), without reading it. */
    public static int status(int port, String path, Identity identity) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).GET();
        if (identity != null) {
            request.header("Authorization", "Bearer " + TestTokens.of(identity));
        }
        try {
            HttpResponse<Stream<String>> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            response.body().close();
            return response.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The next event, failing after {@code timeout}. */
    public Event next(Duration timeout) {
        try {
            Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no event within " + timeout);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next event that matches, skipping others, failing after {@code timeout}. */
    public Event next(Predicate<Event> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Event> skipped = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching event within " + timeout + "; skipped " + skipped);
            }
            Event event = next(Duration.ofNanos(left));
            if (wanted.test(event)) {
                return event;
            }
            skipped.add(event);
        }
    }

    /** Events that arrived and were not taken yet. */
    public List<Event> pending() {
        List<Event> pending = new ArrayList<>();
        events.drainTo(pending);
        return pending;
    }

    /** Whether the server ended the stream within {@code timeout}. */
    public boolean endedWithin(Duration timeout) {
        try {
            reader.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return !reader.isAlive();
    }

    public int heartbeats() {
        return heartbeats;
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }

    private void read(ObjectMapper json) {
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(id, name, json.readTree(data.toString()), System.nanoTime()));
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    heartbeats++;
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            }
        } catch (Exception closed) {
            // the test closed the stream, or the server ended it
        }
    }
}

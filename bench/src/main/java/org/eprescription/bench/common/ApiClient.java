package org.eprescription.bench.common;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The exchange's API at a base URL on a loopback address (a benchmark of a local process, not a load tool for
 * other hosts), over one {@link HttpClient} (HTTP/1.1 keep-alive, no redirects). JSON in and out (FHIR JSON for
 * {@link #fhir()}); every request may carry an {@code Authorization} header.
 */
public final class ApiClient {

    public static final String DEFAULT_URL = "http://127.0.0.1:8080/api/v1";
    private static final String API_PATH = "/api/v1";
    private static final String JSON = "application/json";
    private static final String FHIR_JSON = "application/fhir+json";

    private final HttpClient http;
    private final String base;
    private final Duration timeout;
    private final String mediaType;

    public ApiClient(String base, Duration requestTimeout, Duration connectTimeout) {
        this(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build(), base, requestTimeout, JSON);
    }

    public ApiClient(String base, Duration requestTimeout) {
        this(base, requestTimeout, Duration.ofSeconds(5));
    }

    private ApiClient(HttpClient http, String base, Duration requestTimeout, String mediaType) {
        this.http = http;
        this.base = base;
        this.timeout = requestTimeout;
        this.mediaType = mediaType;
    }

    /**
     * The exchange's FHIR interface beside this API ({@code .../fhir} for {@code .../api/v1}, docs/fhir.md), over the
     * same connections, sending and asking for {@code application/fhir+json}.
     */
    public ApiClient fhir() {
        if (!base.endsWith(API_PATH)) {
            throw new UsageException("the FHIR interface is found beside " + API_PATH + ", not beside " + base);
        }
        return new ApiClient(http, base.substring(0, base.length() - API_PATH.length()) + "/fhir", timeout, FHIR_JSON);
    }

    /**
     * The API's base URL from {@code --url}: without a trailing slash, ending in /api/v1, on {@code localhost} or a
     * literal loopback address (no name is looked up).
     */
    public static String baseUrl(String url) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (!base.endsWith(API_PATH)) {
            base = base + API_PATH;
        }
        URI uri = URI.create(base);
        if (uri.getHost() == null || !"http".equals(uri.getScheme())) {
            throw new UsageException("--url must be http://<loopback>:<port>/api/v1, not " + url);
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean literal = host.matches("[0-9.]+") || host.contains(":");
        if (!host.equalsIgnoreCase("localhost") && !(literal && loopback(host))) {
            throw new UsageException("refusing non-loopback host " + uri.getHost() + ": use 127.0.0.1");
        }
        return base;
    }

    private static boolean loopback(String literalAddress) {
        try {
            return InetAddress.getByName(literalAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public String base() {
        return base;
    }

    public HttpClient http() {
        return http;
    }

    public URI uri(String path) {
        return URI.create(base + path);
    }

    public Answer post(String path, String json, String authorization) {
        return send("POST", path, json, authorization, timeout);
    }

    /**
     * A command as a real EHR or pharmacy system sends it: a POST with a fresh {@code Idempotency-Key} (so the
     * exchange claims the key and keeps the answer for a retry, docs/http-api.md "Retries"), or without one when
     * {@code idempotencyKey} is false.
     */
    public Answer command(String path, String json, String authorization, boolean idempotencyKey) {
        return send("POST", path, json, authorization, timeout,
                idempotencyKey ? UUID.randomUUID().toString() : null);
    }

    public Answer put(String path, String json, String authorization) {
        return send("PUT", path, json, authorization, timeout);
    }

    public Answer get(String path, String authorization) {
        return send("GET", path, null, authorization, timeout);
    }

    /**
     * Sends a request (a JSON body unless {@code json} is null or empty) and reads the whole answer; a transport
     * failure or an interruption (the thread's flag is set again) is an answer with status -1.
     */
    public Answer send(String method, String path, String json, String authorization, Duration timeout) {
        return send(method, path, json, authorization, timeout, null);
    }

    private Answer send(String method, String path, String json, String authorization, Duration timeout,
                        String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(timeout)
                .header("Accept", mediaType)
                .method(method, json == null || json.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null && !json.isEmpty()) {
            request.header("Content-Type", mediaType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        long start = System.nanoTime();
        TimedBody[] body = new TimedBody[1];
        try {
            HttpResponse<String> response = http.send(request.build(), info -> body[0] = new TimedBody());
            long end = body[0].completedNanos != 0 ? body[0].completedNanos : System.nanoTime();
            return new Answer(response.statusCode(), response.body(), start, end);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.failed(e, start);
        } catch (IOException | RuntimeException e) {
            return Answer.failed(e, start);
        }
    }

    /**
     * Reads an answer as text and notes when its last bytes were handed over: the moment the client had the whole
     * answer, taken where the bytes arrive rather than after the caller's thread was woken.
     */
    private static final class TimedBody implements HttpResponse.BodySubscriber<String> {
        private final HttpResponse.BodySubscriber<String> text =
                HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
        private volatile long completedNanos;

        @Override
        public CompletionStage<String> getBody() {
            return text.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            text.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            text.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            text.onError(throwable);
        }

        @Override
        public void onComplete() {
            completedNanos = System.nanoTime();
            text.onComplete();
        }
    }
}

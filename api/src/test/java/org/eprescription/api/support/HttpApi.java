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
import java.util.Map;

/**
 * A thin JSON-over-HTTP client for the tests, so they read like the curl sessions in docs/walkthrough.md. Each request carries a
 * bearer token: of the identity set with {@link #as}, none after {@link #anonymous}, else of the party the request
 * names ({@link NamedParties}).
 */
public final class HttpApi {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final ObjectMapper json;
    private final Identity identity;
    private final boolean anonymous;

    public HttpApi(String base, ObjectMapper json) {
        this(base, json, null, false);
    }

    private HttpApi(String base, ObjectMapper json, Identity identity, boolean anonymous) {
        this.base = base;
        this.json = json;
        this.identity = identity;
        this.anonymous = anonymous;
    }

    /** The same client acting as {@code identity}. */
    public HttpApi as(Identity identity) {
        return new HttpApi(base, json, identity, false);
    }

    /** The same client sending no token. */
    public HttpApi anonymous() {
        return new HttpApi(base, json, null, true);
    }

    public Response get(String path) {
        return get(path, Map.of());
    }

    public Response get(String path, Map<String, String> headers) {
        return send("GET", path, null, HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    /** A GET whose answer is not one JSON document (NDJSON), as text. */
    public TextResponse getText(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        authorize(request, "GET", path, null, Map.of());
        return getText(request);
    }

    /** A GET outside the API, e.g. {@code /actuator/health}, as text. */
    public TextResponse getOutsideApi(String path) {
        return getText(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private TextResponse getText(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new TextResponse(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response post(String path, Object body) {
        return post(path, body, Map.of());
    }

    public Response post(String path, Object body, Map<String, String> headers) {
        String text;
        try {
            text = body instanceof String s ? s : json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send("POST", path, text, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text)), headers);
    }

    public Response put(String path, Object body) {
        try {
            String text = json.writeValueAsString(body);
            return send("PUT", path, text, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(text)), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private URI uri(String path) {
        return URI.create(base + "/api/v1" + path);
    }

    /** The bearer token this client sends for the request, or null. */
    public String tokenFor(String method, String path, String body, Map<String, String> headers) {
        if (anonymous) {
            return null;
        }
        if (identity != null) {
            return TestTokens.of(identity);
        }
        JsonNode parsed = null;
        if (body != null) {
            try {
                parsed = json.readTree(body);
            } catch (IOException malformed) {
                // a test of malformed bodies: act as whoever may call the endpoint at all
            }
        }
        return TestTokens.of(NamedParties.of(method, path, parsed, headers));
    }

    private void authorize(HttpRequest.Builder builder, String method, String path, String body,
                           Map<String, String> headers) {
        String token = tokenFor(method, path, body, headers);
        if (token != null && headers.keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
            builder.header("Authorization", "Bearer " + token);
        }
    }

    private Response send(String method, String path, String body, HttpRequest.Builder builder,
                          Map<String, String> headers) {
        authorize(builder, method, path, body, headers);
        headers.forEach(builder::header);
        try {
            HttpResponse<String> response = CLIENT.send(builder.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode answer = response.body().isEmpty() ? null : json.readTree(response.body());
            return new Response(response.statusCode(), answer, response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, JsonNode body, String contentType, String location,
                           Map<String, java.util.List<String>> headers) {

        public Response(int status, JsonNode body, String contentType, String location) {
            this(status, body, contentType, location, Map.of());
        }

        /** The first value of header {@code name} (any case), or null. */
        public String header(String name) {
            return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                    .flatMap(header -> header.getValue().stream()).findFirst().orElse(null);
        }

        public String text(String field) {
            return body.path(field).asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public record TextResponse(int status, String text, String contentType) {

        public java.util.List<String> lines() {
            return text.lines().toList();
        }
    }
}

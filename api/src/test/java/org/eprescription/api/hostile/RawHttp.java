package org.eprescription.api.hostile;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eprescription.api.support.HttpApi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Requests as a hostile or broken client sends them, which the tests' JSON client cannot: any method, content type
 * or bytes, a body without Content-Length; the answer with its headers, as text.
 */
final class RawHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static final String API = "/api/v1";

    private final int port;
    private final String base;

    RawHttp(int port) {
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
    }

    Answer get(String path, Map<String, String> headers) {
        return send(request("GET", path, headers, null).GET());
    }

    Answer send(String method, String path, String contentType, byte[] body) {
        return send(request(method, path, Map.of("Content-Type", contentType),
                new String(body, StandardCharsets.UTF_8))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    Answer send(String method, String path, String contentType, String body) {
        return send(method, path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A POST whose body is sent in chunks, with no Content-Length, so its size is known only once it is read. */
    Answer postChunked(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send(request("POST", path, Map.of("Content-Type", "application/json"), body)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
    }

    /**
     * A request line sent as is over a socket, for what an HTTP client refuses to send (a path with characters or
     * escapes a URL may not have); only the status line, Content-Type and body of the answer are read.
     */
    Answer requestLine(String requestLine) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
            int status = Integer.parseInt(head.split(" ")[1]);
            String contentType = head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("");
            return new Answer(status, contentType, answer.substring(head.length() + 4), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** With the token of the party the request names, as {@link HttpApi} sends it, unless one is given. */
    private HttpRequest.Builder request(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        if (path.startsWith(API) && headers.keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
            builder.header("Authorization", "Bearer " + new HttpApi(base, new ObjectMapper())
                    .tokenFor(method, path.substring(API.length()), body, headers));
        }
        return builder;
    }

    private static Answer send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Answer(int status, String contentType, String body, Map<String, List<String>> headers) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}

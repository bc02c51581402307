package org.eprescription.api.lifecycle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP/1.1 client on a plain socket that sends a POST's headers and the first part of its body, and the rest
 * only when told: a request the server is serving but cannot finish yet.
 */
final class SlowClient implements AutoCloseable {

    record Answer(int status, String body) {
    }

    private final Socket socket;
    private final byte[] body;
    private final int firstPart;

    SlowClient(int port, String path, byte[] body, String bearerToken) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
        this.socket.setSoTimeout(60_000);
        this.body = body;
        this.firstPart = body.length / 2;
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Authorization: Bearer " + bearerToken + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, firstPart);
        out.flush();
    }

    /** Sends the rest of the body and reads the whole answer. */
    Answer finish() throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(body, firstPart, body.length - firstPart);
        out.flush();
        byte[] raw = socket.getInputStream().readAllBytes();
        String text = new String(raw, StandardCharsets.UTF_8);
        int headersEnd = text.indexOf("\r\n\r\n");
        String headers = text.substring(0, headersEnd);
        int status = Integer.parseInt(headers.substring(9, 12));
        String content = text.substring(headersEnd + 4);
        if (headers.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            content = dechunk(content);
        }
        return new Answer(status, content);
    }

    private static String dechunk(String chunked) {
        StringBuilder content = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return content.toString();
            }
            content.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

}

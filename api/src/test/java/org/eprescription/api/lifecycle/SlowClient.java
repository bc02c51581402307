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
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headersEnd = text.indexOf("\r\n\r\n");
        String headers = text.substring(0, headersEnd);
        int status = Integer.parseInt(headers.substring(9, 12));
        byte[] content = java.util.Arrays.copyOfRange(raw, headersEnd + 4, raw.length);
        if (headers.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            content = dechunk(content);
        }
        return new Answer(status, new String(content, StandardCharsets.UTF_8));
    }

    /** Chunk sizes count bytes, so the body is taken apart as bytes before it is read as UTF-8 text. */
    private static byte[] dechunk(byte[] chunked) {
        java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
        String asLatin1 = new String(chunked, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (true) {
            int lineEnd = asLatin1.indexOf("\r\n", at);
            int size = Integer.parseInt(asLatin1.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return content.toByteArray();
            }
            content.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

}

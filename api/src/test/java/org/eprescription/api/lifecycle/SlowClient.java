package org.eprescription.api.lifecycle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
        int headersEnd = indexOf(raw, "\r\n\r\n", 0);
        String headers = new String(raw, 0, headersEnd, StandardCharsets.US_ASCII);
        int status = Integer.parseInt(headers.substring(9, 12));
        byte[] content = Arrays.copyOfRange(raw, headersEnd + 4, raw.length);
        if (headers.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            content = dechunk(content);
        }
        return new Answer(status, new String(content, StandardCharsets.UTF_8));
    }

    /** Chunk sizes count bytes: the body is put together before it is decoded (it may hold multi-byte text). */
    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(chunked, "\r\n", at);
            int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).trim(), 16);
            if (size == 0) {
                return content.toByteArray();
            }
            content.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] bytes, String ascii, int from) {
        byte[] wanted = ascii.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = from; i <= bytes.length - wanted.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (bytes[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no " + ascii.replace("\r\n", "CRLF") + " in the answer");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

}

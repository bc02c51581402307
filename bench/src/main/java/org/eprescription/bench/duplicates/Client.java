package org.eprescription.bench.duplicates;

import org.eprescription.bench.common.AlertTally;
import org.eprescription.bench.common.ClosedLoop;
import org.eprescription.bench.common.ErrorLog;
import org.eprescription.bench.common.Samples;
import org.eprescription.bench.common.Window;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** One client thread posting duplicate checks until the window is over; the report reads it after it finished. */
final class Client implements Runnable {

    static final int[] DAYS = {7, 14, 28, 30, 56, 90};

    private final DuplicateCheckLoad.Options options;
    private final String authorization;
    private final String[] drugCodes;
    private final Window window;
    private final int timeoutMillis;
    private final URL checks;

    final Samples latencies = new Samples();
    final ErrorLog errors = new ErrorLog();
    final AlertTally answers = new AlertTally();   // 2xx answers arrived inside the window
    long warmupRequests;

    Client(DuplicateCheckLoad.Options options, String authorization, String[] drugCodes, Window window)
            throws IOException {
        this.options = options;
        this.authorization = authorization;
        this.drugCodes = drugCodes;
        this.window = window;
        this.timeoutMillis = (int) options.requestTimeout().toMillis();
        this.checks = URI.create(options.url() + "/duplicate-checks").toURL();
    }

    private record Answer(int status, String body) {
    }

    /**
     * One request on this thread's kept-alive connection, blocking: java.net.http.HttpClient hands every request
     * between the caller, its selector thread and an executor, and cost the shared CPUs a third of one CPU at
     * 1,700 requests/s; this costs the client less, which leaves more for the exchange being measured.
     */
    private Answer post(String body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) checks.openConnection();
        connection.setConnectTimeout(timeoutMillis);
        connection.setReadTimeout(timeoutMillis);
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setRequestProperty("Accept", "application/json");
        connection.setRequestProperty("Authorization", authorization);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        connection.setFixedLengthStreamingMode(bytes.length);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(bytes);
        }
        int status = connection.getResponseCode();
        InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (stream == null) {
            return new Answer(status, "");
        }
        try (InputStream in = stream) {
            // read to the end and closed, not disconnected: the connection goes back to the keep-alive cache
            return new Answer(status, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Override
    public void run() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder body = new StringBuilder(512);
        while (!Thread.currentThread().isInterrupted()) {
            long start = System.nanoTime();
            if (window.over(start)) {
                return;
            }
            body.setLength(0);
            body.append("{\"patientId\":\"PAT-").append(random.nextInt(options.patients()) + 1).append("\",\"lines\":[");
            for (int l = 0; l < options.lines(); l++) {
                body.append(l == 0 ? "" : ",").append("{\"drugCode\":\"")
                        .append(drugCodes[random.nextInt(drugCodes.length)]).append("\",\"days\":")
                        .append(DAYS[random.nextInt(DAYS.length)]).append('}');
            }
            body.append("]}");
            Answer answer;
            try {
                answer = post(body.toString());
            } catch (Exception e) {
                errors.record(e.getClass().getSimpleName(), e.getClass().getSimpleName() + ": " + e.getMessage(),
                        window.measured(start));
                ClosedLoop.backOff();
                continue;
            }
            long end = System.nanoTime();
            if (answer.status() < 200 || answer.status() >= 300) {
                errors.record(Integer.toString(answer.status()), answer.body(), window.measured(start));
                continue;
            }
            if (!window.measured(start)) {
                warmupRequests++;
                continue;
            }
            latencies.add((end - start) / 1_000);
            if (!window.over(end)) {
                answers.count(answer.body(), body + " -> " + answer.body());
            }
        }
    }

}

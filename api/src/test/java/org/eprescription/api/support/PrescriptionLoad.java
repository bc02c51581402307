package org.eprescription.api.support;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * Client threads that each issue, accept and dispense one prescription after another, recording every answer
 * (or that none came). A step that is not acknowledged abandons its prescription; nothing is retried, so each
 * recorded answer stands for exactly one attempt.
 */
public final class PrescriptionLoad implements AutoCloseable {

    public enum Step {
        ISSUE("PrescriptionIssued"), ACCEPT("PrescriptionAccepted"), DISPENSE("PrescriptionDispensed");

        /** The event the step's command appends. */
        public final String event;

        Step(String event) {
            this.event = event;
        }
    }

    /** One attempt: status -1 when no answer came (the connection failed or was cut). */
    public record Answer(Step step, String prescriptionId, int status, String contentType, long startedNanos,
                         long endedNanos) {

        public boolean acknowledged() {
            return status >= 200 && status < 300;
        }

        public long millis() {
            return (endedNanos - startedNanos) / 1_000_000;
        }
    }

    private static final long PAUSE_AFTER_FAILURE_MS = 100;

    private final HttpApi api;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    private PrescriptionLoad(HttpApi api) {
        this.api = api;
    }

    public static PrescriptionLoad start(HttpApi api, int clients) {
        PrescriptionLoad load = new PrescriptionLoad(api);
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(load::run, "prescription-load-" + i);
            thread.setDaemon(true);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    public List<Answer> answers() {
        return List.copyOf(answers);
    }

    /** Stops after the steps in flight; waits for them (each is bounded by the client's request timeout). */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(60_000);
        }
    }

    private void run() {
        while (running.get()) {
            Map<String, Object> body = issue(unique("HOSP-LOAD"));
            String id = body.get("prescriptionId").toString();
            HttpApi.Response issued = attempt(Step.ISSUE, id, () -> api.post("/prescriptions", body));
            if (issued == null || issued.status() == 202) {
                // 202: recorded, but its answer (and so the exchange code) could not be read; nothing to accept with
                continue;
            }
            String pharmacy = unique("PH");
            HttpApi.Response accepted = attempt(Step.ACCEPT, id, () -> api.post("/prescriptions/accept",
                    accept(issued.text("exchangeCode"), BIRTH_DATE, pharmacy)));
            if (accepted == null) {
                continue;
            }
            attempt(Step.DISPENSE, id, () -> api.post("/prescriptions/" + id + "/dispense",
                    dispense(pharmacy, true, item(1, AMLODIPINE_BRAND, 28, 28))));
        }
    }

    /** The answer when acknowledged; null otherwise, after a short pause so a dead server is not hammered. */
    private HttpApi.Response attempt(Step step, String id, java.util.function.Supplier<HttpApi.Response> request) {
        long started = System.nanoTime();
        HttpApi.Response response = null;
        try {
            response = request.get();
        } catch (UncheckedIOException | IllegalStateException noAnswer) {
            // connection refused or cut: recorded as status -1
        }
        Answer answer = new Answer(step, id, response == null ? -1 : response.status(),
                response == null ? "" : response.contentType(), started, System.nanoTime());
        answers.add(answer);
        if (answer.acknowledged()) {
            return response;
        }
        pause();
        return null;
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_AFTER_FAILURE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

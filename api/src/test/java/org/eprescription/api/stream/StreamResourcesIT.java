package org.eprescription.api.stream;

import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.IssuedPrescription;
import org.eprescription.api.support.SseClient;
import org.eprescription.api.support.SseClient.Event;
import org.eprescription.query.prescription.PrescriptionViewUpdates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.unique;

/** Streams cost nothing once closed, and a client that stops reading costs no other client anything. */
class StreamResourcesIT extends ExchangeIntegrationTest {

    static final int CYCLES = 10_000;
    /** 10,000 cycles take about 30 s on a developer machine; a slower one stops at the budget (at least 1,000). */
    static final Duration CYCLE_BUDGET = Duration.ofSeconds(30);

    @Autowired
    PrescriptionViewUpdates updates;

    @Test
    void streamsThatClientsOpenAndCloseLeaveNoSubscriptionBehind() throws Exception {
        int baseline = updates.followerCount();
        String pharmacy = unique("PH");
        AtomicInteger done = new AtomicInteger();
        long deadline = System.nanoTime() + CYCLE_BUDGET.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> running = new ArrayList<>();
        for (int client = 0; client < 8; client++) {
            running.add(clients.submit(() -> {
                while (done.get() < CYCLES && System.nanoTime() < deadline) {
                    try (SseClient live = SseClient.open(port, "/pharmacies/" + pharmacy + "/dispensing-view/stream",
                            objectMapper, null)) {
                        assertThat(live.next(Duration.ofSeconds(5)).name()).isEqualTo("snapshot");
                    }
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get(2, TimeUnit.MINUTES);
        }
        clients.shutdown();
        System.out.println("stream connect/disconnect cycles: " + done.get());
        assertThat(done.get()).isGreaterThanOrEqualTo(1_000);

        // streams of earlier tests may still be closing, so the count may fall below the baseline, never stay above
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(updates.followerCount()).isLessThanOrEqualTo(baseline));
    }

    @Test
    void aClientThatStopsReadingDoesNotDelayAnotherClient() throws Exception {
        String pharmacy = unique("PH");
        String path = "/api/v1/pharmacies/" + pharmacy + "/dispensing-view/stream";
        try (Socket stuck = new Socket();
             SseClient reading = SseClient.open(port, path.substring("/api/v1".length()), objectMapper, null)) {
            stuck.setReceiveBufferSize(1024);
            stuck.connect(new InetSocketAddress("127.0.0.1", port));
            OutputStream request = stuck.getOutputStream();
            request.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            stuck.getInputStream(); // never read: 40 lifecycles of changes are more than its socket buffers take
            assertThat(reading.next(Duration.ofSeconds(5)).name()).isEqualTo("snapshot");

            List<Long> latenciesMillis = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                IssuedPrescription prescription = issued(issue(unique("HOSP")));
                long sent = System.nanoTime();
                assertThat(api().post("/prescriptions/accept",
                        accept(prescription.exchangeCode(), BIRTH_DATE, pharmacy)).status()).isEqualTo(200);
                Event accepted = reading.next(event -> prescription.id().equals(event.data().path("prescriptionId")
                        .asText()), Duration.ofSeconds(5));
                latenciesMillis.add(TimeUnit.NANOSECONDS.toMillis(accepted.receivedNanos() - sent));
                api().post(prescription.path() + "/dispense",
                        dispense(pharmacy, true, item(1, AMLODIPINE_BRAND, 28, 28)));
            }

            latenciesMillis.sort(Long::compare);
            System.out.println("latency of the reading client while another is stuck (ms): " + latenciesMillis);
            assertThat(latenciesMillis.get(latenciesMillis.size() - 1)).isLessThan(1_000);
            assertThat(latenciesMillis.get(latenciesMillis.size() / 2)).isLessThan(200);
        }
    }
}

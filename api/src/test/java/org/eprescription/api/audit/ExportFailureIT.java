package org.eprescription.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eprescription.api.eventlog.EventFilter;
import org.eprescription.api.eventlog.EventLog;
import org.eprescription.api.eventlog.StoredEvent;
import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IsolatedDatabase;
import org.eprescription.api.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An export whose store fails never reads as complete (docs/operations.md, "Audit"): failing before anything was
 * sent it is a problem document; failing after part of it was sent, the connection is cut off without the end of
 * the body, so an HTTP client sees an error, and the last line that says the export is complete is never there.
 */
class ExportFailureIT {

    /** Enough lines that the first of them were sent (committing 200) long before the failure. */
    private static final int MANY = 20_000;

    private static ConfigurableApplicationContext application;
    private static FailingEventLog store;

    @BeforeAll
    static void start() {
        application = ExchangeNode.startWith(FailingStore.class, IsolatedDatabase.createAnother("px_export_fail"),
                "export-failure-test-key-0123456789abcdef",
                "--exchange.export.pseudonym-key=export-failure-pseudonym-key-0123456789");
        store = application.getBean(FailingEventLog.class);
    }

    @AfterAll
    static void stop() {
        application.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/audit/events", "/api/v1/audit/export"})
    void aStoreThatCannotBeReachedIsAProblemNotAnEmptyExport(String path) throws Exception {
        store.failAfter(0, new CannotCreateTransactionException("Could not open JDBC Connection for transaction"));

        HttpResponse<String> export = send(path, HttpResponse.BodyHandlers.ofString());

        assertThat(export.statusCode()).as(export.body()).isEqualTo(503);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(export.body()).path("type").asText()).isEqualTo("/problems/store-unavailable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/audit/events", "/api/v1/audit/export"})
    void aStoreThatFailsBeforeAnythingWasSentIsAProblemWithoutItsFirstLines(String path) throws Exception {
        store.failAfter(3, new QueryTimeoutException("canceling statement due to statement timeout"));

        HttpResponse<String> export = send(path, HttpResponse.BodyHandlers.ofString());

        assertThat(export.statusCode()).as(export.body()).isEqualTo(503);
        assertThat(json(export.body()).path("type").asText()).isEqualTo("/problems/store-unavailable");
        assertThat(export.body()).doesNotContain("globalIndex");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/audit/events", "/api/v1/audit/export"})
    void aStoreThatFailsAfterPartWasSentCutsTheConnectionOff(String path) throws Exception {
        store.failAfter(MANY, new QueryTimeoutException("canceling statement due to statement timeout"));

        HttpResponse<InputStream> export = send(path, HttpResponse.BodyHandlers.ofInputStream());
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        IOException cutOff = null;
        try (InputStream body = export.body()) {
            body.transferTo(received);
        } catch (IOException e) {
            cutOff = e;
        }

        assertThat(export.statusCode()).isEqualTo(200);
        String text = received.toString(StandardCharsets.UTF_8);
        assertThat(text).as("part of the export was sent").contains("globalIndex");
        assertThat(cutOff).as("the body ended normally after %d bytes", received.size()).isNotNull();
        assertThat(text).doesNotContain("\"complete\"");
        JsonNode recorded = json(send("/api/v1/audit/bulk-reads", HttpResponse.BodyHandlers.ofString()).body())
                .path("reads").get(0);
        assertThat(recorded.path("outcome").asText()).as("the bulk read log: %s", recorded).isEqualTo("FAILED");
        assertThat(recorded.path("lines").asLong()).isEqualTo(MANY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/audit/events", "/api/v1/audit/export"})
    void aStoreThatDoesNotFailGivesAllLinesAndTheLastSaysSo(String path) throws Exception {
        store.succeedWith(MANY);

        HttpResponse<String> export = send(path, HttpResponse.BodyHandlers.ofString());

        assertThat(export.statusCode()).isEqualTo(200);
        var lines = export.body().lines().toList();
        assertThat(lines).hasSize(MANY + 1);
        assertThat(json(lines.get(MANY))).isEqualTo(json("{\"complete\":true,\"events\":" + MANY + "}"));
    }

    private static <T> HttpResponse<T> send(String path, HttpResponse.BodyHandler<T> body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ExchangeNode.port(application) + path))
                .header("Authorization", "Bearer " + TestTokens.of(Identity.auditor()))
                .timeout(Duration.ofSeconds(30)).GET().build();
        return HttpClient.newHttpClient().send(request, body);
    }

    private static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }

    /** The store the exports read, replaced ({@link ExchangeNode#startWith}). */
    static class FailingStore {

        @Bean
        @Primary
        FailingEventLog failingEventLog() {
            return new FailingEventLog();
        }
    }

    /** Hands out a number of events of its own, then fails as the store would, or not. */
    static final class FailingEventLog implements EventLog {

        private volatile int events;
        private volatile RuntimeException failure;

        void failAfter(int events, RuntimeException failure) {
            this.events = events;
            this.failure = failure;
        }

        void succeedWith(int events) {
            failAfter(events, null);
        }

        @Override
        public void forEach(EventFilter filter, Consumer<StoredEvent> consumer) {
            Instant at = Instant.parse("2026-11-29T09:15:00Z");
            for (int i = 0; i < events; i++) {
                String prescription = UUID.nameUUIDFromBytes(("export-failure-" + i).getBytes()).toString();
                consumer.accept(new StoredEvent(i, prescription, 0,
                        "org.eprescription.core.prescription.event.PrescriptionCompleted",
                        at.plusMillis(i).toString(),
                        ("{\"prescriptionId\":\"" + prescription + "\",\"completedAt\":\"" + at + "\"}")
                                .getBytes(StandardCharsets.UTF_8),
                        "{\"actorId\":\"export-test\",\"actorRole\":\"SYSTEM\"}".getBytes(StandardCharsets.UTF_8),
                        "1"));
            }
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public long head() {
            return events - 1;
        }
    }
}

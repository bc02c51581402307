package org.eprescription.api.audit;

import org.axonframework.config.EventProcessingConfiguration;
import org.eprescription.PrescriptionExchangeApplication;
import org.eprescription.api.storage.JapaneseDrugNamesMigration;
import org.eprescription.api.support.FreePort;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.core.catalogue.CatalogueCsvLoader;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IsolatedDatabase;
import org.eprescription.api.support.TestTokens;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The export streams in constant memory: a million stored events go out through an application whose heap is far
 * smaller than the export, started in a JVM of its own. An OutOfMemoryError there ends the process and the stream.
 */
class EventExportMemoryIT extends ExchangeIntegrationTest {

    private static final int EVENTS = 1_000_000;
    private static final String HEAP = "-Xmx96m";

    @Autowired
    private EventProcessingConfiguration eventProcessing;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aMillionEventsStreamThroughASmallHeap() throws Exception {
        String url = IsolatedDatabase.createAnother("px_export_1m");
        Flyway.configure().dataSource(url, IsolatedDatabase.user(), IsolatedDatabase.password())
                .locations("classpath:db/migration")
                .javaMigrations(new JapaneseDrugNamesMigration(CatalogueCsvLoader.bundledSample()))
                .load().migrate();
        long inserted = insertSyntheticEvents(url);
        startProjectionsAtTheHead(url, inserted);

        int port = FreePort.any();
        Path log = Files.createTempFile("export-1m-", ".log");
        Process application = new ProcessBuilder(javaCommand(), HEAP, "-XX:+ExitOnOutOfMemoryError",
                "-Daxon.axonserver.enabled=false", "-cp", System.getProperty("java.class.path"),
                PrescriptionExchangeApplication.class.getName(),
                "--server.port=" + port,
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + IsolatedDatabase.user(),
                "--spring.datasource.password=" + IsolatedDatabase.password(),
                "--exchange.exchange-code-key=memory-test-key-0123456789abcdef0123",
                "--exchange.scheduling.enabled=false")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> application.isAlive() && client.send(get(port, "/api/v1/audit/prescriptions/"
                            + UUID.randomUUID() + "/events"), HttpResponse.BodyHandlers.discarding()).statusCode() == 404);

            long started = System.nanoTime();
            HttpResponse<InputStream> export = client.send(get(port, "/api/v1/audit/events"),
                    HttpResponse.BodyHandlers.ofInputStream());
            long lines = countLines(export.body());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            LoggerFactory.getLogger(EventExportMemoryIT.class).info("{} events streamed with {} in {}", lines, HEAP,
                    took);

            assertThat(export.statusCode()).isEqualTo(200);
            assertThat(lines).as("lines streamed in %s, the last saying it is complete; application log %s", took,
                    log).isEqualTo(inserted + 1);
            assertThat(application.isAlive()).as("the application survived the export; log %s", log).isTrue();
        } finally {
            application.destroy();
            if (!application.waitFor(20, TimeUnit.SECONDS)) {
                application.destroyForcibly();
            }
        }
    }

    /** One statement: four events each for a quarter million prescriptions, in the shape Axon stores them. */
    private static long insertSyntheticEvents(String url) throws SQLException {
        try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
            return statement.executeUpdate("""
                    INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                                                  payload, payloadrevision, payloadtype, timestamp)
                    SELECT md5((i / 4)::text)::uuid::text, mod(i, 4), 'Prescription', md5(i::text)::uuid::text,
                           convert_to('{"actorId":"load-test","actorRole":"SYSTEM"}', 'UTF8'),
                           convert_to('{"prescriptionId":"' || md5((i / 4)::text)::uuid || '"}', 'UTF8'),
                           '1', 'org.eprescription.core.prescription.event.PrescriptionCompleted',
                           to_char(timestamp '2025-01-01' + i * interval '1 millisecond',
                                   'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                    FROM generate_series(0, %d) AS i
                    """.formatted(EVENTS - 1));
        }
    }

    /** The synthetic events are not real lifecycles; the projections start after them instead of failing on them. */
    private void startProjectionsAtTheHead(String url, long head) throws SQLException {
        List<String> processors = List.copyOf(eventProcessing.eventProcessors().keySet());
        try (Connection connection = connect(url); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO tokenentry (processorname, segment, token, tokentype) VALUES (?, 0, ?, ?)")) {
            for (String processor : processors) {
                insert.setString(1, processor);
                insert.setBytes(2, ("{\"index\":" + head + ",\"gaps\":[]}").getBytes());
                insert.setString(3, "org.axonframework.eventhandling.GapAwareTrackingToken");
                insert.executeUpdate();
            }
        }
    }

    private static long countLines(InputStream body) throws IOException {
        long lines = 0;
        byte[] buffer = new byte[64 * 1024];
        try (body) {
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }

    private static HttpRequest get(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET()
                .header("Authorization", "Bearer " + TestTokens.of(Identity.auditor())).build();
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, IsolatedDatabase.user(), IsolatedDatabase.password());
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

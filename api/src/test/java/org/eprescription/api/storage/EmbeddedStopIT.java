package org.eprescription.api.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * The packaged application on its embedded database, stopped the way an operator stops it (SIGTERM): the exchange
 * finishes its work on the database and only then stops PostgreSQL, so the stop logs no broken connection or
 * failed processor, and PostgreSQL is down when the process has exited (docs/operations.md, "Time limits").
 */
class EmbeddedStopIT {

    private static final Path JAR = Path.of("target", "prescription-exchange.jar");

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatThisTestStarted() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly().waitFor();
        }
    }

    @Test
    void aStopFinishesTheWorkBeforeTheEmbeddedDatabaseStops(@TempDir Path dataRoot) throws Exception {
        assertThat(JAR).as("the jar mvn package built (integration tests run after it)").isRegularFile();
        Path dataDirectory = dataRoot.resolve("postgres");
        Path log = Path.of("target", "embedded-stop-it.log");
        int port = freePort();
        HttpApi api = new HttpApi("http://127.0.0.1:" + port, new ObjectMapper());

        Process exchange = launch(dataDirectory, port, log);
        awaitReady(api, exchange);
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/prescriptions", issue(unique("HOSP"))).status()).isEqualTo(201);
        }

        exchange.destroy();
        assertThat(exchange.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();

        String output = Files.readString(log);
        assertThat(output).as("the stop was logged").contains("Shutdown completed");
        assertThat(output).as("no connection lost while stopping").doesNotContain("marked as broken")
                .doesNotContain("An I/O error occurred");
        assertThat(output).as("no processor failed while stopping")
                .doesNotContain("An exception occurred during the abort of work package");
        assertThat(output.lines().filter(line -> line.contains(" ERROR ")).toList()).as("ERROR lines").isEmpty();
        assertThat(dataDirectory.resolve("postmaster.pid")).as("PostgreSQL stopped with the exchange").doesNotExist();
    }

    private Process launch(Path dataDirectory, int port, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-jar", JAR.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--exchange.embedded-database.directory=" + dataDirectory,
                "--exchange.embedded-database.port=" + freePort(),
                "--exchange.scheduling.enabled=false",
                TestTokens.trustArgument());
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        builder.redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private static void awaitReady(HttpApi api, Process process) {
        String unknown = "/prescriptions/" + UUID.randomUUID();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(process.isAlive()).as("the application exited during startup; see target/embedded-stop-it.log")
                    .isTrue();
            try {
                return api.get(unknown).status() == 404;
            } catch (UncheckedIOException | IllegalStateException notYet) {
                return false;
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

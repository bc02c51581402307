package org.eprescription.api.storage;

import org.eprescription.api.support.FreePort;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.PackagedExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * The packaged application on its embedded database, stopped the way an operator stops it (SIGTERM): the exchange
 * finishes its work on the database and only then stops PostgreSQL, so the stop logs no broken connection or
 * failed processor, and PostgreSQL is down when the process has exited (docs/operations.md, "Time limits").
 */
class EmbeddedStopIT {

    private final PackagedExchange exchange = new PackagedExchange();

    @AfterEach
    void stopWhatThisTestStarted() throws InterruptedException {
        exchange.close();
    }

    @Test
    void aStopFinishesTheWorkBeforeTheEmbeddedDatabaseStops(@TempDir Path dataRoot) throws Exception {
        Path dataDirectory = dataRoot.resolve("postgres");
        Path log = Path.of("target", "embedded-stop-it.log");
        int port = FreePort.any();
        HttpApi api = PackagedExchange.api(port);

        Process running = exchange.start(port, log,
                "--exchange.embedded-database.directory=" + dataDirectory,
                "--exchange.embedded-database.port=" + FreePort.any());
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/prescriptions", issue(unique("HOSP"))).status()).isEqualTo(201);
        }

        running.destroy();
        assertThat(running.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();

        String output = Files.readString(log);
        assertThat(output).as("the stop was logged").contains("Shutdown completed");
        assertThat(output).as("no connection lost while stopping").doesNotContain("marked as broken")
                .doesNotContain("An I/O error occurred");
        assertThat(output).as("no processor failed while stopping")
                .doesNotContain("An exception occurred during the abort of work package");
        assertThat(output.lines().filter(line -> line.contains(" ERROR ")).toList()).as("ERROR lines").isEmpty();
        assertThat(dataDirectory.resolve("postmaster.pid")).as("PostgreSQL stopped with the exchange").doesNotExist();
    }
}

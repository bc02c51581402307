package org.eprescription.api.storage;

import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.FreePort;
import org.eprescription.api.support.HttpApi.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.unique;

/** The embedded default refuses the starts that would quietly lose the exchange's history or split it between nodes. */
class EmbeddedDatabaseGuardsIT {

    @Test
    void aDatabaseWithPrescriptionsWhoseKeyIsMissingDoesNotStart(@TempDir Path dataRoot) throws IOException {
        List<String> args = List.of("--exchange.embedded-database.directory=" + dataRoot.resolve("postgres"),
                "--exchange.embedded-database.port=" + FreePort.any());
        Path keyFile = dataRoot.resolve("exchange-code.key");
        try (ConfigurableApplicationContext first = ExchangeNode.run(args)) {
            Response issued = ExchangeNode.api(first).post("/prescriptions", issue(unique("HOSP")));
            assertThat(issued.status()).isEqualTo(201);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .as("the key is its owner's alone").isEqualTo("rw-------");

        Files.delete(keyFile);

        assertThatThrownBy(() -> ExchangeNode.run(args).close())
                .as("a new key would make every exchange code in circulation unknown")
                .rootCause().hasMessageContaining("holds prescriptions but its exchange-code key");
        assertThat(keyFile).doesNotExist();
    }

    @Test
    void anAxonServerNodeWithoutASharedDatabaseDoesNotStart(@TempDir Path dataRoot) {
        List<String> args = List.of("--axon.axonserver.enabled=true", "--axon.axonserver.servers=127.0.0.1:1",
                "--exchange.embedded-database.directory=" + dataRoot.resolve("postgres"),
                "--exchange.embedded-database.port=" + FreePort.any());

        assertThatThrownBy(() -> ExchangeNode.run(args).close())
                .rootCause().hasMessageContaining("spring.datasource.url");
        assertThat(dataRoot.resolve("postgres").resolve("PG_VERSION")).doesNotExist();
    }
}

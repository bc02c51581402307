package org.eprescription.api.storage;

import org.eprescription.api.support.FreePort;
import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IsolatedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.unique;

/** The event store is the truth: a restarted application knows everything the previous one acknowledged. */
class RestartIT {

    private static final String KEY = "restart-test-key-0123456789abcdef0123";

    @Test
    void aRestartOnTheSameDatabaseLosesNothing() {
        String url = IsolatedDatabase.createAnother("px_restart");
        List<String> args = List.of("--spring.datasource.url=" + url,
                "--spring.datasource.username=" + IsolatedDatabase.user(),
                "--spring.datasource.password=" + IsolatedDatabase.password(),
                "--exchange.exchange-code-key=" + KEY);

        String id;
        String code;
        try (ConfigurableApplicationContext first = start(args)) {
            Map<String, Object> body = issue(unique("HOSP"));
            Response issued = api(first).post("/prescriptions", body);
            id = issued.text("prescriptionId");
            code = issued.text("exchangeCode");
            assertThat(api(first).post("/prescriptions/accept", accept(code, BIRTH_DATE, "PH-A")).status())
                    .isEqualTo(200);
        }
        try (ConfigurableApplicationContext second = start(args)) {
            Response read = api(second).get("/prescriptions/" + id);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.text("status")).isEqualTo("ACCEPTED");
            assertThat(read.text("pharmacyId")).isEqualTo("PH-A");
            Response secondPharmacy = api(second).post("/prescriptions/accept", accept(code, BIRTH_DATE, "PH-B"));
            assertThat(secondPharmacy.status()).as("the code still works after a restart").isEqualTo(409);
        }
    }

    @Test
    void theEmbeddedDatabaseKeepsItsDataAcrossRestarts(@TempDir Path dataRoot) throws IOException {
        Path dataDirectory = dataRoot.resolve("postgres");
        List<String> args = List.of("--exchange.embedded-database.directory=" + dataDirectory,
                "--exchange.embedded-database.port=" + FreePort.any());

        String id;
        String code;
        try (ConfigurableApplicationContext first = start(args)) {
            Response issued = api(first).post("/prescriptions", issue(unique("HOSP")));
            assertThat(issued.status()).isEqualTo(201);
            id = issued.text("prescriptionId");
            code = issued.text("exchangeCode");
            JdbcClient jdbc = JdbcClient.create(first.getBean(DataSource.class));
            assertThat(jdbc.sql("show synchronous_commit").query(String.class).single())
                    .as("a commit is answered only once it is on disk").isEqualTo("on");
            assertThat(jdbc.sql("show fsync").query(String.class).single()).as("and flushed").isEqualTo("on");
        }
        assertThat(dataDirectory.resolve("PG_VERSION")).exists();
        assertThat(Files.readString(dataRoot.resolve("exchange-code.key"))).isNotBlank();

        try (ConfigurableApplicationContext second = start(args)) {
            assertThat(api(second).get("/prescriptions/" + id).text("status")).isEqualTo("ISSUED");
            assertThat(api(second).post("/prescriptions/accept", accept(code, BIRTH_DATE, "PH-A")).status())
                    .as("the generated key was kept, so the code still works").isEqualTo(200);
        }
    }

    private static ConfigurableApplicationContext start(List<String> args) {
        return ExchangeNode.run(args);
    }

    private static HttpApi api(ConfigurableApplicationContext context) {
        return ExchangeNode.api(context);
    }
}

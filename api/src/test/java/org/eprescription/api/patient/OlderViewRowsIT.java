package org.eprescription.api.patient;

import org.eprescription.api.storage.JapaneseDrugNamesMigration;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IssuedPrescription;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * A view row projected before the view kept the code's derivation and the Japanese drug names: migrations V130 and
 * V131 fill it in, and V160 takes the names out of it (its issue, of an older revision, recorded none: they are read
 * from the catalogue), so it ends as a replay would write it: verify finds no difference, and the patient sees the code and the names.
 */
class OlderViewRowsIT extends ExchangeIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    JapaneseDrugNamesMigration japaneseDrugNames;

    @Test
    void migrationsV130V131AndV160LeaveARowProjectedBeforeThemAsAReplayWouldWriteIt() throws Exception {
        Map<String, Object> body = issue(unique("HOSP"));
        IssuedPrescription rx = issued(body);
        String patient = ((Map<?, ?>) body.get("patient")).get("id").toString();
        UUID id = UUID.fromString(rx.id());
        // a row projected before them comes from an issue of an older revision, which described no drugs
        assertThat(jdbc.sql("""
                        update domainevententry
                           set payload = convert_to((convert_from(payload, 'UTF8')::jsonb - 'drugs')::text, 'UTF8'),
                               payloadrevision = '4'
                         where aggregateidentifier = :id and payloadtype like '%.PrescriptionIssued'""")
                .param("id", rx.id()).update()).isEqualTo(1);
        jdbc.sql("""
                        update prescription_view
                           set exchange_code_key_id = null, exchange_code_attempt = null,
                               lines = (select jsonb_agg(line - 'drugNameJa' - 'namesRecorded')
                                          from jsonb_array_elements(lines) line)
                         where prescription_id = :id""")
                .param("id", id).update();
        assertThat(api().as(Identity.patient(patient)).get("/patients/" + patient + "/prescriptions").body()
                .path("prescriptions").get(0).has("exchangeCode")).as("without its derivation no code is shown")
                .isFalse();
        assertThat(differences()).as("verify sees what the older row lacks").isEqualTo(1);

        jdbc.sql(fillFromIssueEvents()).update();
        try (Connection connection = dataSource.getConnection()) {
            japaneseDrugNames.migrate(new Context() {
                @Override
                public Configuration getConfiguration() {
                    return null;
                }

                @Override
                public Connection getConnection() {
                    return connection;
                }
            });
        }

        // as it took the names out of every row then; here only out of this test's row, since the others' events
        // recorded their names, which their rows keep
        jdbc.sql(new ClassPathResource("db/migration/V160__prescription_view_lines_without_names.sql")
                .getContentAsString(StandardCharsets.UTF_8)
                .replace("where lines is not null", "where prescription_id = :id and lines is not null"))
                .param("id", id).update();

        assertThat(differences()).isZero();
        HttpApi.Response list = api().as(Identity.patient(patient)).get("/patients/" + patient + "/prescriptions");
        assertThat(list.body().path("prescriptions").get(0).path("exchangeCode").asText())
                .isEqualTo(rx.exchangeCode());
        assertThat(list.body().path("prescriptions").get(0).path("lines").get(0).path("drugNameJa").asText())
                .isEqualTo("アムロジピン錠5mg（先発A）");
    }

    private long differences() {
        HttpApi.Response verified = api().post("/admin/projections/prescription-view/verify", Map.of());
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        return verified.body().path("differences").asLong();
    }

    /** V130's statement that fills the columns it adds, as the migration runs it. */
    private static String fillFromIssueEvents() throws IOException {
        String migration = new ClassPathResource("db/migration/V130__prescription_view_code_derivation.sql")
                .getContentAsString(StandardCharsets.UTF_8);
        return migration.substring(migration.indexOf("do $$"));
    }
}

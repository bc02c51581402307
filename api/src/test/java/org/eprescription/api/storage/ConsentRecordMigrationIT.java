package org.eprescription.api.storage;

import org.eprescription.api.support.IsolatedDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration V163 fills {@code consent_record} from each patient's last consent event, not from the alert projection's
 * copy, which may not have applied a withdrawal yet (docs/alerts.md, "Privacy").
 */
class ConsentRecordMigrationIT {

    @Test
    void aWithdrawalTheProjectionHadNotAppliedIsWhatTheRecordSays() {
        String url = IsolatedDatabase.createAnother("px_consent_migration");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, IsolatedDatabase.user(),
                IsolatedDatabase.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("162").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        consentEvent(jdbc, "PAT-LAG", 0, "ConsentGiven", "{\"patientId\":\"PAT-LAG\",\"givenAt\":\"2026-12-01T09:00:00Z\"}");
        consentEvent(jdbc, "PAT-LAG", 1, "ConsentWithdrawn",
                "{\"patientId\":\"PAT-LAG\",\"withdrawnAt\":\"2026-12-02T09:00:00Z\"}");
        consentEvent(jdbc, "PAT-KEPT", 0, "ConsentGiven",
                "{\"patientId\":\"PAT-KEPT\",\"givenAt\":\"2026-12-03T09:00:00Z\"}");
        // the projection has applied the gift, not the withdrawal after it
        jdbc.sql("insert into patient_consent values ('PAT-LAG', true, '2026-12-01T09:00:00Z', 0)").update();

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

        assertThat(jdbc.sql("select sharing_allowed from consent_record where patient_id = 'PAT-LAG'")
                .query(Boolean.class).single()).as("withdrawn, as the last event says").isFalse();
        assertThat(jdbc.sql("select version from consent_record where patient_id = 'PAT-LAG'")
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select sharing_allowed from consent_record where patient_id = 'PAT-KEPT'")
                .query(Boolean.class).single()).isTrue();
    }

    private static void consentEvent(JdbcClient jdbc, String patient, long sequence, String type, String payload) {
        jdbc.sql("""
                        insert into domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type,
                                                      timestamp, payloadtype, payloadrevision, payload, metadata)
                        values (?, ?, ?, 'PatientConsent', '2026-12-01T09:00:00Z', ?, '1', ?, ?)""")
                .params(UUID.randomUUID().toString(), "consent:" + patient, sequence,
                        "org.eprescription.core.consent." + type, payload.getBytes(StandardCharsets.UTF_8),
                        "{}".getBytes(StandardCharsets.UTF_8))
                .update();
    }
}

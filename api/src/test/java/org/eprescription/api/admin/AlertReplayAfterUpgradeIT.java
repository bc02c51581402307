package org.eprescription.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.AdminProjections;
import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IsolatedDatabase;
import org.eprescription.query.alerts.AlertProjection;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.ZOLPIDEM;
import static org.eprescription.api.support.Prescriptions.ZOLPIDEM_GENERIC;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * A release before V167 stopped the alert projection while alerts were off, so a cancellation recorded meanwhile never
 * reached it: the duplicate's alert stayed open and the cancelled course planned. The first start of this release
 * replays {@code medication-alerts} (V167 makes it due), and the alert reads as the events say (docs/operations.md,
 * "Replays due at start").
 */
class AlertReplayAfterUpgradeIT {

    private static final String KEY = "alert-replay-upgrade-key-0123456789abcdef";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void theFirstStartAfterTheUpgradeRepairsAnAlertProjectionThatMissedACancellation() {
        String url = IsolatedDatabase.createAnother("px_alert_replay_upgrade");
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(url, IsolatedDatabase.user(),
                IsolatedDatabase.password()));
        String patient = unique("PAT");
        Map<String, Object> first = issueFor(patient, "HOSP-A", ZOLPIDEM, 30);
        Map<String, Object> second = issueFor(patient, "HOSP-B", ZOLPIDEM_GENERIC, 14);
        UUID cancelled = UUID.fromString(first.get("prescriptionId").toString());
        String duplicate = second.get("prescriptionId").toString();

        try (ConfigurableApplicationContext node = ExchangeNode.start(url, KEY)) {
            HttpApi api = ExchangeNode.api(node);
            assertThat(api.post("/prescriptions", first).status()).isEqualTo(201);
            assertThat(api.post("/prescriptions", second).body().path("alerts")).hasSize(1);
            Response cancel = api.post("/prescriptions/" + cancelled + "/cancel", Map.of("reason", "course changed"),
                    prescriberHeaders("HOSP-A"));
            assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
            await().atMost(WAIT).until(() -> "RESOLVED".equals(alertStatus(api, duplicate)));
        }
        // the alert projection as a release before V167 left it when the cancellation came while alerts were off
        assertThat(jdbc.sql("update medication_course set status = 'PLANNED' where prescription_id = :id")
                .param("id", cancelled).update()).isPositive();
        assertThat(jdbc.sql("update medication_alert set status = 'OPEN', resolved_at = null where patient_id = :p")
                .param("p", patient).update()).isEqualTo(1);
        jdbc.sql("delete from projection_replay_due").update();
        jdbc.sql("delete from flyway_schema_history where version = '167'").update();

        try (ConfigurableApplicationContext upgraded = ExchangeNode.start(url, KEY)) {
            HttpApi api = ExchangeNode.api(upgraded);
            AdminProjections projections = new AdminProjections(api);
            await().atMost(WAIT).untilAsserted(() -> assertThat(projections
                    .state(AlertProjection.PROCESSING_GROUP).path("lastReplay").path("outcome").asText())
                    .isEqualTo("COMPLETED"));
            assertThat(alertStatus(api, duplicate)).as("its only conflict was cancelled").isEqualTo("RESOLVED");
            JsonNode verified = projections.verify(AlertProjection.PROCESSING_GROUP);
            assertThat(verified.path("differences").asLong()).as(verified.toString()).isZero();
            assertThat(jdbc.sql("select count(*) from projection_replay_due").query(Long.class).single()).isZero();
        }
    }

    private static String alertStatus(HttpApi api, String prescriptionId) {
        Response read = api.get("/prescriptions/" + prescriptionId);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return read.body().path("alerts").get(0).path("status").asText();
    }
}

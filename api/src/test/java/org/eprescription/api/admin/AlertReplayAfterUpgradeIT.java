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

    /** An upgraded database: the duplicate's alert open although its only conflict was cancelled. */
    private record DamagedStore(String url, JdbcClient jdbc, String duplicate) {
    }

    @Test
    void theFirstStartAfterTheUpgradeRepairsAnAlertProjectionThatMissedACancellation() {
        DamagedStore store = damagedStore("px_alert_replay_upgrade");
        store.jdbc().sql("delete from projection_replay_due").update();
        store.jdbc().sql("delete from flyway_schema_history where version = '167'").update();

        // V167 is applied again below migrations that stay applied (as it was for a database upgraded)
        try (ConfigurableApplicationContext upgraded = ExchangeNode.start(store.url(), KEY,
                "--spring.flyway.out-of-order=true")) {
            HttpApi api = ExchangeNode.api(upgraded);
            AdminProjections projections = new AdminProjections(api);
            await().atMost(WAIT).untilAsserted(() -> assertThat(retried(upgraded, projections)
                    .path("lastReplay").path("outcome").asText())
                    .isEqualTo("COMPLETED"));
            assertThat(alertStatus(api, store.duplicate())).as("its only conflict was cancelled").isEqualTo("RESOLVED");
            JsonNode verified = projections.verify(AlertProjection.PROCESSING_GROUP);
            assertThat(verified.path("differences").asLong()).as(verified.toString()).isZero();
            assertThat(store.jdbc().sql("select count(*) from projection_replay_due").query(Long.class).single())
                    .isZero();
        }
    }

    /**
     * The swap of a replay claims every segment of the processor: a node that holds none does not replay the store in
     * vain on every retry, and replays once the other node hands its segments over.
     */
    @Test
    void aDueReplayWaitsForTheNodeThatHoldsEverySegment() throws InterruptedException {
        DamagedStore store = damagedStore("px_alert_replay_two_nodes");
        store.jdbc().sql("delete from projection_replay_due").update();
        // node B starts with nothing due and claims every segment; it never retries (scheduling is off in tests)
        try (ConfigurableApplicationContext holder = ExchangeNode.start(store.url(), KEY, "--exchange.node-name=node-b")) {
            HttpApi b = ExchangeNode.api(holder);
            String segments = "/admin/projections/" + AlertProjection.PROCESSING_GROUP + "/segments";
            await().atMost(WAIT).until(() -> b.get(segments).body().path("claimedHere").size() == 2);
            store.jdbc().sql("insert into projection_replay_due (projection, reason) values (:p, 'test')")
                    .param("p", AlertProjection.PROCESSING_GROUP).update();

            try (ConfigurableApplicationContext waiting = ExchangeNode.start(store.url(), KEY,
                    "--exchange.node-name=node-a")) {
                HttpApi a = ExchangeNode.api(waiting);
                AdminProjections projections = new AdminProjections(a);
                for (int retry = 0; retry < 3; retry++) {
                    assertThat(retried(waiting, projections).path("lastReplay").isNull())
                            .as("no replay that would fail at its swap").isTrue();
                    Thread.sleep(1000);
                }
                assertThat(alertStatus(a, store.duplicate())).isEqualTo("OPEN");

                for (int segment = 0; segment < 2; segment++) {
                    Response released = b.post(segments + "/" + segment + "/release?for=PT60S", Map.of());
                    assertThat(released.status()).as(released.toString()).isEqualTo(202);
                }
                await().atMost(WAIT).untilAsserted(() -> assertThat(retried(waiting, projections)
                        .path("lastReplay").path("outcome").asText()).isEqualTo("COMPLETED"));
                assertThat(alertStatus(a, store.duplicate())).isEqualTo("RESOLVED");
                assertThat(store.jdbc().sql("select count(*) from projection_replay_due").query(Long.class)
                        .single()).isZero();
            }
        }
    }

    private static DamagedStore damagedStore(String name) {
        String url = IsolatedDatabase.createAnother(name);
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
        return new DamagedStore(url, jdbc, duplicate);
    }

    /** A retry of the replays due (scheduling is off in tests): the alert projection's state after it. */
    private static JsonNode retried(ConfigurableApplicationContext node, AdminProjections projections) {
        node.getBean(DueReplayStarter.class).startDue();
        return projections.state(AlertProjection.PROCESSING_GROUP);
    }

    private static String alertStatus(HttpApi api, String prescriptionId) {
        Response read = api.get("/prescriptions/" + prescriptionId);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return read.body().path("alerts").get(0).path("status").asText();
    }
}

package org.eprescription.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.AdminProjections;
import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IsolatedDatabase;
import org.eprescription.api.support.StoredEvents;
import org.eprescription.query.prescription.PrescriptionViewProjection;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * 0.1.0 wrote prescription-view rows whose dispensings have no day, from events that did not record one; a replay
 * reads the same events with their days. A database whose store holds events of that time replays the view at its
 * first start after the upgrade (V169 makes it due), and the rows read as the events say (docs/operations.md,
 * "Replays due at start"). A database without such events replays nothing.
 */
class ViewReplayAfterUpgradeIT {

    private static final String KEY = "view-replay-upgrade-key-0123456789abcdef";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void theFirstStartAfterTheUpgradeReplaysAViewWrittenBeforeEventsRecordedTheirDays() {
        String url = IsolatedDatabase.createAnother("px_view_replay_upgrade");
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(url, IsolatedDatabase.user(),
                IsolatedDatabase.password()));
        Map<String, Object> body = new HashMap<>(issueFor(unique("PAT"), "HOSP-A", AMLODIPINE_BRAND, 28));
        body.put("refills", 1);
        UUID id = UUID.fromString(body.get("prescriptionId").toString());
        String dispensedOn;

        try (ConfigurableApplicationContext node = ExchangeNode.start(url, KEY)) {
            HttpApi api = ExchangeNode.api(node);
            Response issued = api.post("/prescriptions", body);
            assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
            assertThat(api.post("/prescriptions/accept", accept(issued.text("exchangeCode"), BIRTH_DATE, "PH-1"))
                    .status()).isEqualTo(200);
            Response dispensed = api.post("/prescriptions/" + id + "/dispense",
                    dispense("PH-1", true, item(1, AMLODIPINE_BRAND, 28, 28)));
            assertThat(dispensed.status()).as(dispensed.toString()).isEqualTo(200);
            dispensedOn = dispensed.body().path("dispensings").get(0).path("dispensedOn").asText();
            assertThat(jdbc.sql("select count(*) from projection_replay_due where projection = 'prescription-view'")
                    .query(Long.class).single()).as("a new database has nothing to repair").isZero();
        }
        // the store as a database from 0.1.0 holds it: an issue of that time, and a view row whose dispensing has
        // no day
        new StoredEvents(new DriverManagerDataSource(url, IsolatedDatabase.user(), IsolatedDatabase.password()))
                .storeRevisionOneIssue(UUID.randomUUID().toString(), "view-upgrade-");
        assertThat(jdbc.sql("""
                        update prescription_view
                           set dispensings = (select jsonb_agg(d - 'dispensedOn')
                                                from jsonb_array_elements(dispensings) d)
                         where prescription_id = :id""")
                .param("id", id).update()).isEqualTo(1);
        // and V169 not applied yet; the later migrations stay, so it runs out of their order
        jdbc.sql("delete from flyway_schema_history where version = '169'").update();

        try (ConfigurableApplicationContext upgraded = ExchangeNode.start(url, KEY,
                "--spring.flyway.out-of-order=true")) {
            HttpApi api = ExchangeNode.api(upgraded);
            AdminProjections projections = new AdminProjections(api);
            // the retry the node makes every exchange.projections.due-replay-retry, once it holds every segment
            await().atMost(WAIT).untilAsserted(() -> assertThat(retried(upgraded, projections)
                    .path("lastReplay").path("outcome").asText())
                    .as("the replay the upgrade made due").isEqualTo("COMPLETED"));
            Response read = api.get("/prescriptions/" + id);
            assertThat(read.body().path("dispensings").get(0).path("dispensedOn").asText())
                    .as("the day the event recorded: " + read).isEqualTo(dispensedOn);
            JsonNode verified = projections.verify(PrescriptionViewProjection.PROCESSING_GROUP);
            assertThat(verified.path("differences").asLong()).as(verified.toString()).isZero();
            assertThat(jdbc.sql("select count(*) from projection_replay_due").query(Long.class).single()).isZero();
        }
    }

    private static JsonNode retried(ConfigurableApplicationContext node, AdminProjections projections) {
        node.getBean(DueReplayStarter.class).startDue();
        return projections.state(PrescriptionViewProjection.PROCESSING_GROUP);
    }
}

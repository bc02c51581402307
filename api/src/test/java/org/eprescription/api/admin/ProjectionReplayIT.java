package org.eprescription.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.common.Registration;
import org.eprescription.api.support.AdminProjections;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.IssuedPrescription;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.prescription.FindPrescription;
import org.eprescription.query.prescription.PrescriptionView;
import org.eprescription.query.prescription.PrescriptionViewUpdates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;

/** A replay rebuilds a projection from the first event while its live view keeps answering. */
class ProjectionReplayIT extends ExchangeIntegrationTest {

    private static final Duration REPLAY_TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    PrescriptionViewUpdates viewUpdates;

    @Test
    void theViewKeepsAnsweringDuringAReplayAndHasEveryPrescriptionAfterIt() {
        List<IssuedPrescription> prescriptions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            prescriptions.add(issued(issue(unique("HOSP"))));
        }
        UUID tampered = UUID.fromString(prescriptions.get(0).id());
        jdbc.sql("update prescription_view set patient_name = 'TAMPERED' where prescription_id = :id")
                .param("id", tampered).update();

        HttpApi.Response started = api().post("/admin/projections/prescription-view/replay", Map.of());

        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.body().path("state").asText()).isEqualTo("REPLAYING");
        long deadline = System.nanoTime() + REPLAY_TIMEOUT.toNanos();
        do {
            prescriptions.add(issued(issue(unique("HOSP"))));
            assertThat(api().get(prescriptions.get(1).path()).status()).isEqualTo(200);
        } while (state("prescription-view").path("state").asText().equals("REPLAYING") && System.nanoTime() < deadline);

        JsonNode after = awaitLive("prescription-view");
        assertThat(after.path("lastReplay").path("outcome").asText()).isEqualTo("COMPLETED");
        for (IssuedPrescription prescription : prescriptions) {
            HttpApi.Response read = api().get(prescription.path());
            assertThat(read.status()).as(prescription.id()).isEqualTo(200);
            assertThat(read.text("status")).isEqualTo("ISSUED");
        }
        assertThat(jdbc.sql("select patient_name from prescription_view where prescription_id = :id")
                .param("id", tampered).query(String.class).single()).isEqualTo("Hanako Yamada");
        assertThat(verify("prescription-view").path("differences").asLong()).isZero();
        assertThat(jdbc.sql("""
                        select indexname from pg_indexes
                         where schemaname = current_schema() and tablename = 'prescription_view'
                        """).query(String.class).list())
                .as("the swapped-in table keeps the index names of migration V10")
                .contains("prescription_view_pkey", "prescription_view_patient_idx",
                        "prescription_view_institution_idx", "prescription_view_expiry_idx");
        IssuedPrescription afterReplay = issued(issue(unique("HOSP")));
        assertThat(api().get(afterReplay.path()).status()).isEqualTo(200);
    }

    @Test
    void aReplayNotifiesNoLiveSubscriber() {
        IssuedPrescription prescription = issued(issue(unique("HOSP")));
        List<PrescriptionView> updates = new CopyOnWriteArrayList<>();
        Registration following = viewUpdates.follow(new FindPrescription(PrescriptionId.of(prescription.id())),
                updates::add);
        try {
            assertThat(api().post("/admin/projections/prescription-view/replay", Map.of()).status()).isEqualTo(202);
            awaitLive("prescription-view");
            assertThat(updates).isEmpty();

            api().post(prescription.path() + "/cancel", Map.of("reason", "wrong patient"),
                    prescriberHeaders(prescription.institutionId()));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(updates)
                    .extracting(view -> view.status().name()).containsExactly("CANCELLED"));
        } finally {
            following.cancel();
        }
    }

    @Test
    void whileOneReplaysAnotherReplayOfItsProcessorOrAVerifyOfItIsRefused() throws Exception {
        issued(issue(unique("HOSP")));
        // a reader that holds the alerts table keeps the replay from swapping its tables in, so it stays running
        try (Connection reader = dataSource.getConnection()) {
            reader.setAutoCommit(false);
            try (Statement statement = reader.createStatement()) {
                statement.execute("lock table medication_alert in access share mode");
            }
            assertThat(api().post("/admin/projections/medication-alerts/replay", Map.of()).status()).isEqualTo(202);

            HttpApi.Response again = api().post("/admin/projections/medication-alerts/replay", Map.of());
            HttpApi.Response verify = api().post("/admin/projections/medication-alerts/verify", Map.of());
            // the view runs in the same processor, which the replay stops for its swap
            HttpApi.Response sameProcessor = api().post("/admin/projections/prescription-view/replay", Map.of());

            assertThat(again.status()).isEqualTo(409);
            assertThat(sameProcessor.status()).isEqualTo(409);
            assertThat(sameProcessor.contentType()).startsWith("application/problem+json");
            assertThat(again.contentType()).startsWith("application/problem+json");
            assertThat(verify.status()).isEqualTo(409);
            JsonNode replaying = state("medication-alerts");
            assertThat(replaying.path("state").asText()).isEqualTo("REPLAYING");
            assertThat(replaying.path("progress").path("eventsTotal").asLong())
                    .isGreaterThanOrEqualTo(replaying.path("progress").path("eventsDone").asLong());
            reader.rollback();
        }
        JsonNode after = awaitLive("medication-alerts");
        assertThat(after.path("lastReplay").path("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(after.path("lastReplay").path("events").asLong()).isPositive();
        assertThat(verify("medication-alerts").path("differences").asLong()).isZero();
    }

    private JsonNode awaitLive(String projection) {
        return projections().awaitLive(projection, REPLAY_TIMEOUT);
    }

    private JsonNode state(String projection) {
        return projections().state(projection);
    }

    private JsonNode verify(String projection) {
        return projections().verify(projection);
    }

    private AdminProjections projections() {
        return new AdminProjections(api());
    }
}

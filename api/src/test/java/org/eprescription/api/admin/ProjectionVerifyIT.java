package org.eprescription.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.IssuedPrescription;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_GENERIC;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.line;
import static org.eprescription.api.support.Prescriptions.unique;

/** Verify rebuilds a projection aside and compares it row by row with the live view. */
class ProjectionVerifyIT extends ExchangeIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyProjectionIsListedLiveAndCaughtUpWithTheStore() {
        issued(issue(unique("HOSP")));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode projections = api().get("/admin/projections").body().path("projections");
            assertThat(projections).extracting(p -> p.path("name").asText())
                    .containsExactly("prescription-view", "medication-alerts", "live-exchange-code",
                            "course-record", "unchecked-course", "consent-record");
            for (JsonNode projection : projections) {
                assertThat(projection.path("state").asText()).isEqualTo("LIVE");
                assertThat(projection.path("position").asLong()).isEqualTo(projection.path("head").asLong());
                assertThat(projection.path("lag").asLong()).isZero();
                assertThat(projection.path("progress").isNull()).isTrue();
            }
        });
    }

    @Test
    void aHealthySystemHasNoDifferences() {
        issued(issue(unique("HOSP")));

        for (String projection : List.of("prescription-view", "medication-alerts",
                "live-exchange-code", "course-record", "unchecked-course", "consent-record")) {
            HttpApi.Response verified = api().post("/admin/projections/" + projection + "/verify", Map.of());

            assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
            assertThat(verified.body().path("projection").asText()).isEqualTo(projection);
            assertThat(verified.body().path("differences").asLong()).as(verified.toString()).isZero();
            assertThat(verified.body().path("examples")).isEmpty();
        }
    }

    @Test
    void aPrescriptionRowTamperedWithInTheLiveViewIsFound() {
        IssuedPrescription prescription = issued(issue(unique("HOSP")));
        UUID id = UUID.fromString(prescription.id());
        String status = jdbc.sql("select status from prescription_view where prescription_id = :id")
                .param("id", id).query(String.class).single();
        jdbc.sql("update prescription_view set status = 'TAMPERED' where prescription_id = :id").param("id", id).update();
        try {
            JsonNode example = theOneDifference("prescription-view", "prescription_view");
            assertThat(example.path("key").path("prescription_id").asText()).isEqualTo(prescription.id());
            assertThat(example.path("live").path("status").asText()).isEqualTo("TAMPERED");
            assertThat(example.path("rebuilt").path("status").asText()).isEqualTo(status);

            // the example shows the patient's row: the auditor's look at it is recorded, for the patient and as a
            // bulk read
            String patient = ((Map<?, ?>) prescription.body().get("patient")).get("id").toString();
            JsonNode entries = api().get("/patients/" + patient + "/access-log").body().path("entries");
            assertThat(entries).anySatisfy(entry -> {
                assertThat(entry.path("what").asText()).isEqualTo("rows of projection prescription-view shown by verify");
                assertThat(entry.path("role").asText()).isEqualTo("AUDITOR");
            });
            JsonNode newest = api().get("/audit/bulk-reads").body().path("reads").get(0);
            assertThat(newest.path("what").asText()).isEqualTo("verify of projection prescription-view");
            assertThat(newest.path("accessorId").asText()).isEqualTo("AUD-1");
            assertThat(newest.path("lines").asLong()).isEqualTo(1);
            assertThat(newest.path("outcome").asText()).isEqualTo("COMPLETE");
        } finally {
            jdbc.sql("update prescription_view set status = :status where prescription_id = :id")
                    .param("status", status).param("id", id).update();
        }
    }

    @Test
    void aMissingAlertRowIsFound() {
        Map<String, Object> first = issue(unique("HOSP"));
        Map<String, Object> second = issue(unique("HOSP"));
        second.put("patient", first.get("patient"));
        second.put("lines", List.of(line(1, AMLODIPINE_GENERIC, 28, 28)));
        issued(first);
        IssuedPrescription withAlert = issued(second);
        String alertId = api().get(withAlert.path()).body().path("alerts").get(0).path("alertId").asText();
        String row = jdbc.sql("select row_to_json(a)::text from medication_alert a where alert_id = :id")
                .param("id", alertId).query(String.class).single();
        jdbc.sql("delete from medication_alert where alert_id = :id").param("id", alertId).update();
        try {
            JsonNode example = theOneDifference("medication-alerts", "medication_alert");
            assertThat(example.path("key").path("alert_id").asText()).isEqualTo(alertId);
            assertThat(example.path("live").isNull()).isTrue();
            assertThat(example.path("rebuilt").path("alert_id").asText()).isEqualTo(alertId);
        } finally {
            jdbc.sql("""
                            insert into medication_alert select * from json_populate_record(null::medication_alert,
                                cast(:row as json))
                            """)
                    .param("row", row).update();
        }
        assertThat(api().post("/admin/projections/medication-alerts/verify", Map.of()).body()
                .path("differences").asLong()).isZero();
    }

    @Test
    void anUnknownProjectionIsNotFound() {
        HttpApi.Response verify = api().post("/admin/projections/no-such-view/verify", Map.of());
        HttpApi.Response replay = api().post("/admin/projections/no-such-view/replay", Map.of());

        assertThat(verify.status()).isEqualTo(404);
        assertThat(verify.contentType()).startsWith("application/problem+json");
        assertThat(replay.status()).isEqualTo(404);
    }

    /** Verifies the projection, which finds exactly one difference, in that table: that difference's example. */
    private JsonNode theOneDifference(String projection, String table) {
        HttpApi.Response verified = api().post("/admin/projections/" + projection + "/verify", Map.of());
        assertThat(verified.body().path("differences").asLong()).as(verified.toString()).isEqualTo(1);
        JsonNode example = verified.body().path("examples").get(0);
        assertThat(example.path("table").asText()).isEqualTo(table);
        return example;
    }
}

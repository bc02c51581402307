package org.eprescription.api.replay;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.AdminProjections;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.IssuedPrescription;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_GENERIC;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.line;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;

/** Views are derived data: replaying the event store from the start rebuilds exactly the same rows, ids included. */
class ProjectionRebuildIT extends ExchangeIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void replayingRebuildsThePrescriptionView() {
        IssuedPrescription dispensed = acceptedBy("PH-A");
        api().post(dispensed.path() + "/dispense", dispense("PH-A", false, item(1, AMLODIPINE_BRAND, 7, 7)));
        IssuedPrescription cancelled = issued(issue(unique("HOSP")));
        api().post(cancelled.path() + "/cancel", Map.of("reason", "x"), prescriberHeaders(cancelled.institutionId()));
        List<String> before = rows("prescription_view", "prescription_id");
        jdbc.sql("update prescription_view set status = 'TAMPERED', version = version + 100").update();

        replay("prescription-view");

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(rows("prescription_view", "prescription_id")).isEqualTo(before));
        assertThat(before).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void replayingRebuildsTheSameAlertsAndCourses() {
        Map<String, Object> first = issue("HOSP-A");
        Map<String, Object> second = issue("HOSP-B");
        second.put("patient", first.get("patient"));
        second.put("lines", List.of(line(1, AMLODIPINE_GENERIC, 28, 28)));
        issued(first);
        IssuedPrescription withAlert = issued(second);
        api().post(withAlert.path() + "/cancel", Map.of("reason", "duplicate"), prescriberHeaders("HOSP-B"));
        await().atMost(Duration.ofSeconds(5)).until(() -> api().get(withAlert.path()).body().path("alerts").get(0)
                .path("status").asText().equals("RESOLVED"));
        List<String> alerts = rows("medication_alert", "alert_id");
        List<String> courses = rows("medication_course", "prescription_id, dispensing_record_id, line_number, use_number");
        assertThat(alerts).isNotEmpty();
        jdbc.sql("delete from medication_alert").update();

        replay("medication-alerts");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(rows("medication_alert", "alert_id")).isEqualTo(alerts);
            assertThat(rows("medication_course", "prescription_id, dispensing_record_id, line_number, use_number")).isEqualTo(courses);
        });
    }

    /** The one replay there is: the projection rebuilt in scratch tables and swapped in. */
    private void replay(String projection) {
        HttpApi.Response started = api().post("/admin/projections/" + projection + "/replay", Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> state(projection).path("state").asText().equals("LIVE"));
        assertThat(state(projection).path("lastReplay").path("outcome").asText()).isEqualTo("COMPLETED");
    }

    private JsonNode state(String projection) {
        return new AdminProjections(api()).state(projection);
    }

    private List<String> rows(String table, String orderBy) {
        return jdbc.sql("select row_to_json(t)::text from " + table + " t order by " + orderBy)
                .query(String.class).list();
    }
}

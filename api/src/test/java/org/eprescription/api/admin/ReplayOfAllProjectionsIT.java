package org.eprescription.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.AdminProjections;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.IssuedPrescription;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

/**
 * {@code POST /admin/projections/replay} rebuilds every projection in one pass over the store and swaps all the
 * rebuilt tables in at once, while the live view keeps answering; a failure leaves every live table as it was.
 */
class ReplayOfAllProjectionsIT extends ExchangeIntegrationTest {

    private static final Duration REPLAY_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> PROJECTIONS = List.of("prescription-view", "medication-alerts",
            "live-exchange-code", "course-record", "unchecked-course", "consent-record");
    /** Every table of the projections, with the columns that order its rows. */
    private static final Map<String, String> TABLES = Map.of(
            "prescription_view", "prescription_id",
            "live_exchange_code", "code_hash",
            "medication_course", "prescription_id, dispensing_record_id, line_number, use_number",
            "medication_alert", "alert_id",
            "patient_consent", "patient_id",
            "alert_progress", "prescription_id",
            "record_alert_progress", "record_id",
            "course_record", "prescription_id, dispensing_record_id, line_number, use_number",
            "unchecked_course", "prescription_id, dispensing_record_id",
            "consent_record", "patient_id");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void rebuildsBothProjectionsFromOneReadingOfTheStoreWhileTheLiveViewAnswers() throws Exception {
        Lifecycles lifecycles = lifecycles();
        Map<String, List<String>> builtLive = rows();
        UUID tampered = UUID.fromString(lifecycles.dispensed().id());
        jdbc.sql("update prescription_view set patient_name = 'TAMPERED' where prescription_id = :id")
                .param("id", tampered).update();
        jdbc.sql("delete from medication_alert where alert_id = :id").param("id", lifecycles.alertId()).update();
        List<IssuedPrescription> duringTheReplay = new ArrayList<>();

        // a table in the way of the replay's first copy holds it at its start, so it is certain to be running
        try (Connection blocker = holdTheReplayAtItsStart()) {
            HttpApi.Response started = api().post("/admin/projections/replay", Map.of());

            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            assertThat(started.location()).endsWith("/api/v1/admin/projections");
            assertThat(started.body().path("projections")).extracting(p -> p.path("name").asText())
                    .containsExactlyElementsOf(PROJECTIONS);
            for (String projection : PROJECTIONS) {
                JsonNode state = projections().state(projection);
                assertThat(state.path("state").asText()).as(projection).isEqualTo("REPLAYING");
                assertThat(state.path("progress").path("eventsTotal").asLong()).as(projection)
                        .isGreaterThanOrEqualTo(state.path("progress").path("eventsDone").asLong());
            }
            assertBusy(api().post("/admin/projections/replay", Map.of()));
            for (String projection : PROJECTIONS) {
                assertBusy(api().post("/admin/projections/" + projection + "/replay", Map.of()));
                assertBusy(api().post("/admin/projections/" + projection + "/verify", Map.of()));
            }
            for (int i = 0; i < 3; i++) {
                duringTheReplay.add(issued(issue(unique("HOSP"))));
                assertThat(api().get(lifecycles.withAlert().path()).status()).isEqualTo(200);
            }
            blocker.rollback();
        }
        long deadline = System.nanoTime() + REPLAY_TIMEOUT.toNanos();
        while (replaying() && System.nanoTime() < deadline) {
            duringTheReplay.add(issued(issue(unique("HOSP"))));
            assertThat(api().get(lifecycles.withAlert().path()).status()).as("the live view answers").isEqualTo(200);
        }

        List<JsonNode> after = new ArrayList<>();
        for (String projection : PROJECTIONS) {
            after.add(projections().awaitLive(projection, REPLAY_TIMEOUT));
        }
        for (JsonNode projection : after) {
            assertThat(projection.path("lastReplay").path("outcome").asText()).as(projection.toString())
                    .isEqualTo("COMPLETED");
        }
        assertThat(after.get(0).path("lastReplay").path("events").asLong())
                .as("each event read once and applied to every projection: all applied the same events")
                .isPositive()
                .isEqualTo(after.get(1).path("lastReplay").path("events").asLong())
                .isEqualTo(after.get(2).path("lastReplay").path("events").asLong());
        Map<String, List<String>> rebuilt = rows();
        builtLive.forEach((table, rows) -> assertThat(rebuilt.get(table))
                .as("%s: every row live handling built, as it built it", table).containsAll(rows));
        for (IssuedPrescription prescription : duringTheReplay) {
            HttpApi.Response read = api().get(prescription.path());
            assertThat(read.status()).as(prescription.id()).isEqualTo(200);
            assertThat(read.text("status")).isEqualTo("ISSUED");
        }
        for (String projection : PROJECTIONS) {
            assertThat(projections().verify(projection).path("differences").asLong()).as(projection).isZero();
        }
        assertThat(copiesLeft()).isZero();
        IssuedPrescription afterTheReplay = issued(issue(unique("HOSP")));
        assertThat(api().get(afterTheReplay.path()).status()).isEqualTo(200);
    }

    @Test
    void aReplayThatFailsLeavesEveryLiveTableAsItWas() {
        Lifecycles lifecycles = lifecycles();
        UUID tampered = UUID.fromString(lifecycles.dispensed().id());
        jdbc.sql("update prescription_view set patient_name = 'TAMPERED' where prescription_id = :id")
                .param("id", tampered).update();
        // the old alerts table cannot be dropped while a view reads it: the swap fails after the prescription view's
        // table has been swapped in the same transaction
        jdbc.sql("create view replay_fault as select * from medication_alert").update();
        try {
            Map<String, List<String>> before = rows();

            HttpApi.Response started = api().post("/admin/projections/replay", Map.of());
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            await().atMost(REPLAY_TIMEOUT).until(() -> !replaying());

            for (String projection : PROJECTIONS) {
                JsonNode state = projections().awaitLive(projection, REPLAY_TIMEOUT);
                assertThat(state.path("lastReplay").path("outcome").asText()).as(projection).isEqualTo("FAILED");
                assertThat(state.path("lastReplay").path("detail").asText()).as(projection).isNotBlank();
            }
            assertThat(rows()).as("the live tables, the tampered row included").isEqualTo(before);
            assertThat(copiesLeft()).as("tables left in projection_rebuild").isZero();
            IssuedPrescription afterTheFailure = issued(issue(unique("HOSP")));
            assertThat(api().get(afterTheFailure.path()).status()).as("the live processor runs again")
                    .isEqualTo(200);
        } finally {
            jdbc.sql("drop view replay_fault").update();
            jdbc.sql("update prescription_view set patient_name = 'Hanako Yamada' where prescription_id = :id")
                    .param("id", tampered).update();
        }
        for (String projection : PROJECTIONS) {
            assertThat(projections().verify(projection).path("differences").asLong()).as(projection).isZero();
        }
    }

    /** Prescriptions of one patient that raise an alert: one accepted and dispensed, one acknowledged, one cancelled. */
    private Lifecycles lifecycles() {
        Map<String, Object> first = issue(unique("HOSP"));
        IssuedPrescription dispensed = issued(first);
        String pharmacy = unique("PH");
        accepted(dispensed, pharmacy);
        HttpApi.Response dispensing = api().post(dispensed.path() + "/dispense",
                dispense(pharmacy, false, item(1, AMLODIPINE_BRAND, 14, 14)));
        assertThat(dispensing.status()).as(dispensing.toString()).isEqualTo(200);

        Map<String, Object> second = issue(unique("HOSP"));
        second.put("patient", first.get("patient"));
        second.put("lines", List.of(line(1, AMLODIPINE_GENERIC, 28, 28)));
        IssuedPrescription withAlert = issued(second);
        String alertId = api().get(withAlert.path()).body().path("alerts").get(0).path("alertId").asText();
        HttpApi.Response acknowledged = api().post(withAlert.path() + "/alerts/" + alertId + "/acknowledge",
                Map.of("reason", "switching brands"), prescriberHeaders(withAlert.institutionId()));
        assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);

        Map<String, Object> third = issue(unique("HOSP"));
        third.put("patient", first.get("patient"));
        IssuedPrescription cancelled = issued(third);
        api().post(cancelled.path() + "/cancel", Map.of("reason", "duplicate"),
                prescriberHeaders(cancelled.institutionId()));
        await().atMost(Duration.ofSeconds(5)).until(() -> api().get(cancelled.path()).text("status")
                .equals("CANCELLED"));
        return new Lifecycles(dispensed, withAlert, alertId);
    }

    private record Lifecycles(IssuedPrescription dispensed, IssuedPrescription withAlert, String alertId) {
    }

    /**
     * A table where the replay puts its first copy, held by an open transaction: the replay waits to drop it. Roll
     * the connection back to let the replay go on.
     */
    private Connection holdTheReplayAtItsStart() throws Exception {
        jdbc.sql("create schema if not exists projection_rebuild").update();
        jdbc.sql("create table if not exists projection_rebuild.prescription_view (placeholder int)").update();
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("lock table projection_rebuild.prescription_view in access share mode");
        }
        return connection;
    }

    private static void assertBusy(HttpApi.Response answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.text("type")).endsWith("projection-busy");
    }

    private boolean replaying() {
        return PROJECTIONS.stream()
                .anyMatch(projection -> projections().state(projection).path("state").asText().equals("REPLAYING"));
    }

    private long copiesLeft() {
        return jdbc.sql("select count(*) from information_schema.tables where table_schema = 'projection_rebuild'")
                .query(Long.class).single();
    }

    /** Every row of every projection table, as JSON, in key order. */
    private Map<String, List<String>> rows() {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        TABLES.forEach((table, orderBy) -> rows.put(table, jdbc.sql("select row_to_json(t)::text from " + table
                + " t order by " + orderBy).query(String.class).list()));
        return rows;
    }

    private AdminProjections projections() {
        return new AdminProjections(api());
    }
}

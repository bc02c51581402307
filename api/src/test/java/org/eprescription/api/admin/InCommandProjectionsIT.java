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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * The tables kept in the commands' transactions (live_exchange_code, course_record, unchecked_course, consent_record)
 * are projections of
 * the events like the others: verify rebuilds them aside and finds a damaged row, and a replay rebuilds them and swaps
 * them in while the commands that write them wait for a moment, so that none of their writes is lost
 * (docs/architecture.md, "Replays and verification").
 */
class InCommandProjectionsIT extends ExchangeIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> IN_COMMAND = List.of("live-exchange-code", "course-record", "unchecked-course",
            "consent-record");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void theyAreListedLiveAtTheHeadOfTheStore() {
        issued(issue(unique("HOSP")));

        JsonNode projections = api().get("/admin/projections").body().path("projections");
        assertThat(projections).extracting(p -> p.path("name").asText())
                .containsExactly("prescription-view", "medication-alerts", "live-exchange-code", "course-record",
                        "unchecked-course", "consent-record");
        for (String name : IN_COMMAND) {
            JsonNode state = projections().state(name);
            assertThat(state.path("state").asText()).as(name).isEqualTo("LIVE");
            assertThat(state.path("lag").asLong()).as(name).isZero();
            assertThat(state.path("position").asLong()).as(name).isEqualTo(state.path("head").asLong());
            assertThat(projections().verify(name).path("differences").asLong()).as(name).isZero();
        }
    }

    @Test
    void aDamagedCourseIsFoundAndARebuildRepairsItWhileCommandsWaitForTheSwap() throws Exception {
        IssuedPrescription damaged = issued(issue(unique("HOSP")));
        UUID id = UUID.fromString(damaged.id());
        LocalDate end = jdbc.sql("select end_date from course_record where prescription_id = :id and line_number = 1")
                .param("id", id).query(LocalDate.class).single();
        jdbc.sql("update course_record set end_date = end_date + 100 where prescription_id = :id")
                .param("id", id).update();

        JsonNode example = theOneDifference("course-record", "course_record");
        assertThat(example.path("key").path("prescription_id").asText()).isEqualTo(damaged.id());
        assertThat(example.path("live").path("end_date").asText()).isEqualTo(end.plusDays(100).toString());
        assertThat(example.path("rebuilt").path("end_date").asText()).isEqualTo(end.toString());

        List<CompletableFuture<HttpApi.Response>> meanwhile = new ArrayList<>();
        // a reader in the way holds the replay at its lock, with the issues below waiting behind it
        try (Connection reader = dataSource.getConnection()) {
            reader.setAutoCommit(false);
            try (Statement statement = reader.createStatement()) {
                statement.execute("select count(*) from course_record");
            }
            HttpApi.Response started = api().post("/admin/projections/course-record/replay", Map.of());
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            await().atMost(WAIT).until(() -> waitingFor("course_record") >= 1);
            for (int i = 0; i < 3; i++) {
                meanwhile.add(CompletableFuture.supplyAsync(() -> api().post("/prescriptions", issue(unique("HOSP")))));
            }
            await().atMost(WAIT).until(() -> waitingFor("course_record") >= 2);
            reader.rollback();
        }

        JsonNode replayed = projections().awaitLive("course-record", WAIT);
        assertThat(replayed.path("lastReplay").path("outcome").asText()).as(replayed.toString()).isEqualTo("COMPLETED");
        assertThat(jdbc.sql("select end_date from course_record where prescription_id = :id and line_number = 1")
                .param("id", id).query(LocalDate.class).single()).isEqualTo(end);
        for (CompletableFuture<HttpApi.Response> issuing : meanwhile) {
            HttpApi.Response issuedMeanwhile = issuing.get();
            assertThat(issuedMeanwhile.status()).as(issuedMeanwhile.toString()).isEqualTo(201);
            assertThat(jdbc.sql("select count(*) from course_record where prescription_id = :id")
                    .param("id", UUID.fromString(issuedMeanwhile.text("prescriptionId"))).query(Long.class).single())
                    .as("an issue that waited for the swap is in the rebuilt table").isPositive();
        }
        assertThat(projections().verify("course-record").path("differences").asLong()).isZero();
    }

    @Test
    void aWithdrawnConsentDamagedIntoAllowedIsFoundAndARebuildWithdrawsItAgain() {
        String patient = unique("PAT");
        assertThat(api().put("/patients/" + patient + "/consent", Map.of("sharingAllowed", true)).status())
                .isEqualTo(200);
        assertThat(api().put("/patients/" + patient + "/consent", Map.of("sharingAllowed", false)).status())
                .isEqualTo(200);
        jdbc.sql("update consent_record set sharing_allowed = true where patient_id = :patient")
                .param("patient", patient).update();

        JsonNode example = theOneDifference("consent-record", "consent_record");
        assertThat(example.path("key").path("patient_id").asText()).isEqualTo(patient);
        assertThat(example.path("live").path("sharing_allowed").asBoolean()).isTrue();
        assertThat(example.path("rebuilt").path("sharing_allowed").asBoolean()).isFalse();

        replay("consent-record");
        assertThat(jdbc.sql("select sharing_allowed from consent_record where patient_id = :patient")
                .param("patient", patient).query(Boolean.class).single()).isFalse();
        assertThat(projections().verify("consent-record").path("differences").asLong()).isZero();
    }

    @Test
    void aMarkNoEventJustifiesIsFoundAndARebuildDropsIt() {
        IssuedPrescription checked = issued(issue(unique("HOSP")));
        jdbc.sql("""
                        insert into unchecked_course (prescription_id, patient_id, unchecked, days, planned_until)
                        values (:id, :patient, true, 28, current_date + 100)""")
                .param("id", UUID.fromString(checked.id()))
                .param("patient", ((Map<?, ?>) checked.body().get("patient")).get("id").toString())
                .update();

        JsonNode example = theOneDifference("unchecked-course", "unchecked_course");
        assertThat(example.path("key").path("prescription_id").asText()).isEqualTo(checked.id());
        assertThat(example.path("rebuilt").isNull()).as("its issue recorded its check").isTrue();

        replay("unchecked-course");
        assertThat(jdbc.sql("select count(*) from unchecked_course where prescription_id = :id")
                .param("id", UUID.fromString(checked.id())).query(Long.class).single()).isZero();
        assertThat(projections().verify("unchecked-course").path("differences").asLong()).isZero();
    }

    @Test
    void aMissingOrWrongLiveCodeIsFoundAndARebuildHoldsOnlyTheCodesOfPrescriptionsNotFinal() {
        IssuedPrescription live = issued(issue(unique("HOSP")));
        IssuedPrescription cancelled = issued(issue(unique("HOSP")));
        HttpApi.Response cancelling = api().post(cancelled.path() + "/cancel", Map.of("reason", "duplicate"),
                prescriberHeaders(cancelled.institutionId()));
        assertThat(cancelling.status()).as(cancelling.toString()).isEqualTo(200);
        IssuedPrescription completed = issued(issue(unique("HOSP")));
        String pharmacy = unique("PH");
        accepted(completed, pharmacy);
        HttpApi.Response dispensed = dispensing(completed, pharmacy, true, item(1, AMLODIPINE_BRAND, 28, 28));
        assertThat(dispensed.status()).as(dispensed.toString()).isEqualTo(200);
        assertThat(held(live)).isOne();
        assertThat(held(cancelled)).isZero();
        assertThat(held(completed)).isZero();
        // the live prescription's code lost, the final ones' codes held again
        jdbc.sql("delete from live_exchange_code where prescription_id = :id")
                .param("id", UUID.fromString(live.id())).update();
        for (IssuedPrescription done : List.of(cancelled, completed)) {
            jdbc.sql("""
                            insert into live_exchange_code (code_hash, prescription_id)
                            select exchange_code_hash, prescription_id from prescription_view
                             where prescription_id = :id""")
                    .param("id", UUID.fromString(done.id())).update();
        }

        JsonNode verified = projections().verify("live-exchange-code");
        assertThat(verified.path("differences").asLong()).as(verified.toString()).isEqualTo(3);
        Map<String, JsonNode> examples = new java.util.HashMap<>();
        verified.path("examples").forEach(example -> {
            assertThat(example.path("table").asText()).isEqualTo("live_exchange_code");
            JsonNode row = example.path("live").isNull() ? example.path("rebuilt") : example.path("live");
            examples.put(row.path("prescription_id").asText(), example);
        });
        assertThat(examples.get(live.id()).path("live").isNull()).as("the live code was missing").isTrue();
        assertThat(examples.get(cancelled.id()).path("rebuilt").isNull()).as("a cancelled code is not live").isTrue();
        assertThat(examples.get(completed.id()).path("rebuilt").isNull()).as("a completed code is not live").isTrue();

        replay("live-exchange-code");
        assertThat(held(live)).isOne();
        assertThat(held(cancelled)).isZero();
        assertThat(held(completed)).isZero();
        assertThat(projections().verify("live-exchange-code").path("differences").asLong()).isZero();
    }

    private long held(IssuedPrescription prescription) {
        return jdbc.sql("""
                        select count(*) from live_exchange_code c join prescription_view v
                          on v.prescription_id = c.prescription_id and v.exchange_code_hash = c.code_hash
                         where c.prescription_id = :id""")
                .param("id", UUID.fromString(prescription.id())).query(Long.class).single();
    }

    private void replay(String projection) {
        HttpApi.Response started = api().post("/admin/projections/" + projection + "/replay", Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        JsonNode replayed = projections().awaitLive(projection, WAIT);
        assertThat(replayed.path("lastReplay").path("outcome").asText()).as(replayed.toString()).isEqualTo("COMPLETED");
    }

    /** Sessions waiting for a lock on the table. */
    private long waitingFor(String table) {
        return jdbc.sql("""
                        select count(*) from pg_locks l join pg_class c on c.oid = l.relation
                         where c.relname = :table and not l.granted""")
                .param("table", table).query(Long.class).single();
    }

    private JsonNode theOneDifference(String projection, String table) {
        JsonNode verified = projections().verify(projection);
        assertThat(verified.path("differences").asLong()).as(verified.toString()).isEqualTo(1);
        JsonNode example = verified.path("examples").get(0);
        assertThat(example.path("table").asText()).isEqualTo(table);
        return example;
    }

    private AdminProjections projections() {
        return new AdminProjections(api());
    }
}

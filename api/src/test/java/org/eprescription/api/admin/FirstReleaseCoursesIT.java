package org.eprescription.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.AdminProjections;
import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IsolatedDatabase;
import org.eprescription.api.support.StoredEvents;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.ZOLPIDEM;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * A store upgraded from 0.1.0: that release recorded no check in its events; its alert projection derived the courses,
 * and migration V100 copied them into {@code course_record}. V179 keeps that copy as it was ({@code
 * first_release_course}): verify of {@code course-record} finds no difference on such a store, and a rebuild keeps
 * those courses, so checks go on finding them (docs/alerts.md, "After alerts were switched off").
 */
class FirstReleaseCoursesIT {

    private static final String KEY = "first-release-courses-key-0123456789abcdef";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void theCoursesV100CopiedFromTheFirstReleaseVerifyAndSurviveARebuild() {
        String url = IsolatedDatabase.createAnother("px_first_release_courses");
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(url, IsolatedDatabase.user(),
                IsolatedDatabase.password()));
        String later = unique("PAT");
        try (ConfigurableApplicationContext node = ExchangeNode.start(url, KEY)) {
            Response issued = ExchangeNode.api(node).post("/prescriptions", issueFor(later, "HOSP-A", ZOLPIDEM, 30));
            assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        }
        // two issues the first release stored: the courses of one its alert projection derived, and V100 copied
        String checked = UUID.randomUUID().toString();
        String unseen = UUID.randomUUID().toString();
        StoredEvents stored = new StoredEvents(new DriverManagerDataSource(url, IsolatedDatabase.user(),
                IsolatedDatabase.password()));
        stored.storeRevisionOneIssue(checked, "first-release-");
        stored.storeRevisionOneIssue(unseen, "first-release-");
        jdbc.sql("""
                        insert into course_record (prescription_id, line_number, use_number, patient_id, drug_code,
                                                   start_date, end_date, status, institution_id, prescriber_id)
                        values (:id, 1, 1, :patient, :drug, date '2026-11-29', date '2099-12-30', 'PLANNED',
                                'HOSP-R1', 'DOC-17')""")
                .param("id", UUID.fromString(checked)).param("patient", "PAT-R1-" + checked)
                .param("drug", AMLODIPINE_BRAND).update();
        // the database as the upgrade's migrations leave it before V179: nothing marked yet, unchecked-course due
        jdbc.sql("delete from unchecked_course").update();
        jdbc.sql("drop table if exists first_release_course").update();
        jdbc.sql("drop table if exists first_release_cutoff").update();
        jdbc.sql("delete from flyway_schema_history where version in ('179', '180')").update();
        jdbc.sql("insert into projection_replay_due (projection, reason) values ('unchecked-course', 'V166')")
                .update();

        try (ConfigurableApplicationContext upgraded = ExchangeNode.start(url, KEY,
                "--spring.flyway.out-of-order=true")) {
            HttpApi api = ExchangeNode.api(upgraded);
            AdminProjections projections = new AdminProjections(api);
            await().atMost(WAIT).untilAsserted(() -> {
                upgraded.getBean(DueReplayStarter.class).startDue();
                assertThat(jdbc.sql("select count(*) from projection_replay_due where projection = 'unchecked-course'")
                        .query(Long.class).single()).isZero();
            });
            projections.awaitLive("unchecked-course", WAIT);
            for (String projection : List.of("course-record", "unchecked-course")) {
                JsonNode verified = projections.verify(projection);
                assertThat(verified.path("differences").asLong()).as(verified.toString()).isZero();
            }

            Response replay = api.post("/admin/projections/course-record/replay", Map.of());
            assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
            assertThat(projections.awaitLive("course-record", WAIT).path("lastReplay").path("outcome").asText())
                    .isEqualTo("COMPLETED");
            assertThat(jdbc.sql("select count(*) from course_record where prescription_id = :id")
                    .param("id", UUID.fromString(checked)).query(Long.class).single())
                    .as("the rebuild keeps the courses the first release derived").isOne();
            assertThat(projections.verify("course-record").path("differences").asLong()).isZero();
            JsonNode check = draftCheck(api, "PAT-R1-" + checked, AMLODIPINE_BRAND);
            assertThat(check.path("alerts").size()).as("a check still finds the first release's course: " + check)
                    .isPositive();
            // what that release stored is marked as before: its alert view was rebuilt from events that hold no check
            assertThat(marks(jdbc, checked)).isOne();
            assertThat(marks(jdbc, unseen)).isOne();
        }
    }

    private static long marks(JdbcClient jdbc, String prescription) {
        return jdbc.sql("select count(*) from unchecked_course where prescription_id = :id")
                .param("id", UUID.fromString(prescription)).query(Long.class).single();
    }

    /** A draft check of {@code drug} for the patient: its answer. */
    private static JsonNode draftCheck(HttpApi api, String patient, String drug) {
        Response draft = api.post("/duplicate-checks", Map.of("patientId", patient,
                "lines", List.of(Map.of("drugCode", drug, "days", 14))), prescriberHeaders("HOSP-R1"));
        assertThat(draft.status()).as(draft.toString()).isEqualTo(200);
        return draft.body();
    }
}

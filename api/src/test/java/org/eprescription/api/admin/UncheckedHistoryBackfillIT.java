package org.eprescription.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.AdminProjections;
import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IsolatedDatabase;
import org.eprescription.api.support.StoredEvents;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.ZOLPIDEM;
import static org.eprescription.api.support.Prescriptions.ZOLPIDEM_GENERIC;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * A store that ran with alerts switched off under a release before {@code unchecked_course} was kept has no marks for
 * what it issued and registered meanwhile. The first start of this release rebuilds the table from the events
 * (migration V166 makes the replay due, {@link DueReplayStarter} runs it once across all nodes), so the checks of
 * those patients say they are incomplete instead of "complete, nothing found" (docs/alerts.md, "After alerts were
 * switched off").
 */
class UncheckedHistoryBackfillIT {

    private static final String KEY = "unchecked-history-test-key-0123456789abcdef";
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** V166 and V167 are applied again below migrations that stay applied (as they were for a database upgraded). */
    private static final String APPLY_THEM_AGAIN = "--spring.flyway.out-of-order=true";

    @Test
    void theFirstStartMarksWhatAnOlderReleaseMovedWithoutACheckOnOneOfTwoNodesStartingAtOnce() throws Exception {
        String url = IsolatedDatabase.createAnother("px_unchecked_history");
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(url, IsolatedDatabase.user(),
                IsolatedDatabase.password()));
        String patient = unique("PAT");
        String cancelledPatient = unique("PAT");
        String revisionOne = UUID.randomUUID().toString();

        try (ConfigurableApplicationContext off = ExchangeNode.start(url, KEY, "--exchange.alerts.enabled=false")) {
            HttpApi api = ExchangeNode.api(off);
            assertThat(api.post("/prescriptions", issueFor(patient, "HOSP-A", ZOLPIDEM, 30)).status())
                    .isEqualTo(201);
            Response registered = api.as(Identity.pharmacist(unique("PH"))).post("/dispensing-records", Map.of(
                    "patient", Map.of("id", patient, "birthDate", BIRTH_DATE.toString()),
                    "items", List.of(Map.of("drugCode", AMLODIPINE_BRAND, "quantity", 7, "days", 7)),
                    "prescribingInstitutionId", unique("CLINIC")));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            Map<String, Object> mistake = issueFor(cancelledPatient, "HOSP-A", ZOLPIDEM, 30);
            assertThat(api.post("/prescriptions", mistake).status()).isEqualTo(201);
            assertThat(api.post("/prescriptions/" + mistake.get("prescriptionId") + "/cancel",
                    Map.of("reason", "wrong patient"), prescriberHeaders("HOSP-A")).status()).isEqualTo(200);
        }
        // an issue stored by the first release (revision 1, no correlation id): no check was ever recorded for it
        new StoredEvents(new DriverManagerDataSource(url, IsolatedDatabase.user(), IsolatedDatabase.password()))
                .storeRevisionOneIssue(revisionOne, "revision-one-");
        // the database as the release before unchecked_course left it: no marks, and V166 not yet applied
        jdbc.sql("delete from unchecked_course").update();
        jdbc.sql("drop table if exists projection_replay_due").update();
        jdbc.sql("delete from flyway_schema_history where version in ('166', '167')").update();

        List<ConfigurableApplicationContext> nodes = startAtOnce(url, "node-a", "node-b");
        try {
            // a draft check (it records nothing) says so once the first start has marked the history
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode draft = draftCheck(ExchangeNode.api(nodes.get(1)), patient);
                assertThat(draft.path("complete").asBoolean())
                        .as("what was issued and registered while alerts were off: " + draft).isFalse();
            });
            // medication-alerts (V167) replays on the node holding every segment once it has claimed them; scheduling,
            // which retries the replays due, is off in tests
            await().atMost(WAIT).untilAsserted(() -> {
                nodes.forEach(node -> node.getBean(DueReplayStarter.class).startDue());
                assertThat(jdbc.sql("select count(*) from projection_replay_due").query(Long.class).single())
                        .as("unchecked-course and medication-alerts (V167)").isZero();
            });
            List<JsonNode> lastReplays = new ArrayList<>();
            for (ConfigurableApplicationContext node : nodes) {
                JsonNode state = new AdminProjections(ExchangeNode.api(node)).awaitLive("unchecked-course", WAIT);
                if (!state.path("lastReplay").isNull()) {
                    lastReplays.add(state.path("lastReplay"));
                }
            }
            assertThat(lastReplays).as("one node replays, the other finds it done or running").hasSize(1);
            assertThat(lastReplays.get(0).path("outcome").asText()).isEqualTo("COMPLETED");

            HttpApi api = ExchangeNode.api(nodes.get(0));
            JsonNode check = issueAndCheck(api, patient);
            assertThat(check.path("complete").asBoolean()).as("the zolpidem and the record of the off period: " + check)
                    .isFalse();
            assertThat(check.path("uncheckedCourses").path("prescriptions").asInt()).isEqualTo(1);
            assertThat(check.path("uncheckedCourses").path("dispensingRecords").asInt()).isEqualTo(1);
            JsonNode firstRelease = issueAndCheck(api, "PAT-R1-" + revisionOne);
            assertThat(firstRelease.path("complete").asBoolean()).as(firstRelease.toString()).isFalse();
            assertThat(firstRelease.path("uncheckedCourses").path("prescriptions").asInt()).isEqualTo(1);
            assertThat(issueAndCheck(api, cancelledPatient).path("complete").asBoolean())
                    .as("nothing of the cancelled prescription was taken").isTrue();

            JsonNode verified = new AdminProjections(api).verify("unchecked-course");
            assertThat(verified.path("differences").asLong()).as(verified.toString()).isZero();
        } finally {
            nodes.forEach(ConfigurableApplicationContext::close);
        }

        // once done, never again: the next start replays nothing
        try (ConfigurableApplicationContext again = ExchangeNode.start(url, KEY, "--exchange.node-name=node-a")) {
            JsonNode state = new AdminProjections(ExchangeNode.api(again)).state("unchecked-course");
            assertThat(state.path("state").asText()).isEqualTo("LIVE");
            assertThat(state.path("lastReplay").isNull()).as(state.toString()).isTrue();
        }
    }

    /** A draft check of a generic zolpidem for the patient: the answer's alertCheck. */
    private static JsonNode draftCheck(HttpApi api, String patient) {
        Response draft = api.post("/duplicate-checks", Map.of("patientId", patient,
                "lines", List.of(Map.of("drugCode", ZOLPIDEM_GENERIC, "days", 14))), prescriberHeaders("HOSP-A"));
        assertThat(draft.status()).as(draft.toString()).isEqualTo(200);
        return draft.body().path("alertCheck");
    }

    /** Issues a generic zolpidem for the patient with alerts on: the answer's alertCheck. */
    private static JsonNode issueAndCheck(HttpApi api, String patient) {
        Response issued = api.post("/prescriptions", issueFor(patient, unique("HOSP"), ZOLPIDEM_GENERIC, 14));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        assertThat(issued.body().path("alertCheck").path("performed").asBoolean()).isTrue();
        return issued.body().path("alertCheck");
    }

    private static List<ConfigurableApplicationContext> startAtOnce(String url, String... names) throws Exception {
        ExecutorService starting = Executors.newFixedThreadPool(names.length);
        try {
            List<CompletableFuture<ConfigurableApplicationContext>> started = new ArrayList<>();
            for (String name : names) {
                if (!started.isEmpty()) {
                    // Spring Boot's logging set-up is not safe for two applications at the same moment of one JVM
                    // (a ConcurrentModificationException); the replays due start seconds later, still at once
                    Thread.sleep(1500);
                }
                started.add(CompletableFuture.supplyAsync(() -> ExchangeNode.start(url, KEY,
                        "--exchange.node-name=" + name, APPLY_THEM_AGAIN), starting));
            }
            List<ConfigurableApplicationContext> nodes = new ArrayList<>();
            for (CompletableFuture<ConfigurableApplicationContext> node : started) {
                nodes.add(node.get());
            }
            return nodes;
        } finally {
            starting.shutdown();
        }
    }
}

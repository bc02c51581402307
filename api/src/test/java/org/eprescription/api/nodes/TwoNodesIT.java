package org.eprescription.api.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.AdminProjections;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IsolatedDatabase;
import org.eprescription.api.support.SseClient;
import org.eprescription.api.support.SseClient.Event;
import org.eprescription.api.config.ProjectionProcessorLayout;
import org.eprescription.query.alerts.AlertProjection;
import org.eprescription.query.prescription.PrescriptionViewProjection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * Two application nodes on one PostgreSQL database, each with its own port, as two machines would run them: every
 * command may go through either node, the processors split the segments between the nodes, and a live stream on
 * one node shows what the other node's processor projected.
 */
class TwoNodesIT {

    private static final String KEY = "two-nodes-test-key-0123456789abcdef0123";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static HttpApi a;
    private static HttpApi b;
    private static JdbcClient database;

    @BeforeAll
    static void startTwoNodesAndSplitTheSegments() {
        String url = IsolatedDatabase.createAnother("px_nodes");
        nodeA = start(url, "node-a");
        nodeB = start(url, "node-b");
        a = api(nodeA);
        b = api(nodeB);
        database = nodeA.getBean(JdbcClient.class);

        // The node that starts first claims every segment; without Axon Server nothing moves one by itself. Node A
        // hands segment 1 over, as an operator would, and node B claims it. Both projections run in one processor
        // (ProjectionProcessorLayout), so handing over prescription-view's segment hands over medication-alerts' too.
        String segments = "/admin/projections/" + PrescriptionViewProjection.PROCESSING_GROUP + "/segments";
        await().atMost(WAIT).until(() -> a.get(segments).body().path("claimedHere").size() == 2);
        Response released = a.post(segments + "/1/release?for=PT20S", Map.of());
        assertThat(released.status()).as(released.toString()).isEqualTo(202);
        await().atMost(WAIT).until(() -> a.get(segments).body().path("claimedHere").toString().equals("[0]"));
        await().atMost(WAIT).until(() -> owners(ProjectionProcessorLayout.PROCESSOR).contains("node-b"));
    }

    @AfterAll
    static void stopBothNodes() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @Test
    void eachNodeOwnsOneSegmentOfEachProjection() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(owners(ProjectionProcessorLayout.PROCESSOR))
                .containsExactlyInAnyOrder("node-a", "node-b"));
        for (String projection : List.of(PrescriptionViewProjection.PROCESSING_GROUP, AlertProjection.PROCESSING_GROUP)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(b.get("/admin/projections/" + projection + "/segments")
                    .body().path("claimedHere").toString()).as(projection).isEqualTo("[1]"));
        }
    }

    @Test
    void aPrescriptionMovesThroughBothNodesAndBothAnswerTheSame() {
        String pharmacy = unique("PH");
        Map<String, Object> body = issue(unique("HOSP"));
        Response issued = a.post("/prescriptions", body);
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String path = "/prescriptions/" + issued.text("prescriptionId");

        // each command on the other node than the one before: a node that cached the aggregate would act on a
        // stale state and refuse (or lose) the step
        assertThat(b.post("/prescriptions/accept", accept(issued.text("exchangeCode"), BIRTH_DATE, pharmacy)).status())
                .isEqualTo(200);
        assertThat(a.post(path + "/dispense", dispense(pharmacy, false, item(1, AMLODIPINE_BRAND, 7, 7))).status())
                .isEqualTo(200);
        Response completed = b.post(path + "/dispense", dispense(pharmacy, true, item(1, AMLODIPINE_BRAND, 21, 21)));
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);

        Response onA = a.get(path);
        Response onB = b.get(path);
        assertThat(onA.text("status")).isEqualTo("COMPLETED");
        assertThat(onA.body().path("dispensings")).hasSize(2);
        assertThat(onB.body()).isEqualTo(onA.body());
        // issued + check, accepted, dispensed + check, dispensed + completed + check
        assertThat(storedSequences(issued.text("prescriptionId"))).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);

        String institution = unique("HOSP");
        Response another = b.post("/prescriptions", issue(institution));
        String anotherPath = "/prescriptions/" + another.text("prescriptionId");
        Response cancelled = a.post(anotherPath + "/cancel", Map.of("reason", "wrong patient"),
                prescriberHeaders(institution));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(b.get(anotherPath).text("status")).isEqualTo("CANCELLED");
        assertThat(a.get(anotherPath).body()).isEqualTo(b.get(anotherPath).body());
    }

    @Test
    void aReplayOnOneNodeWhileTheOtherProcessesTheProjectionIsRefusedAndLosesNothing() {
        Response started = a.post("/admin/projections/" + PrescriptionViewProjection.PROCESSING_GROUP + "/replay",
                Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);

        JsonNode after = new AdminProjections(a).awaitLive(PrescriptionViewProjection.PROCESSING_GROUP,
                Duration.ofSeconds(60));

        // node B kept projecting into the tables the replay would have swapped out
        assertThat(after.path("lastReplay").path("outcome").asText()).as(after.toString()).isEqualTo("FAILED");
        assertThat(after.path("lastReplay").path("detail").asText()).contains("another node");
        eachNodeHoldsOneSegmentAgain();
        Response later = b.post("/prescriptions", issue(unique("HOSP")));
        assertThat(later.status()).isEqualTo(201);
        assertThat(a.get("/prescriptions/" + later.text("prescriptionId")).text("status")).isEqualTo("ISSUED");
    }

    @Test
    void whileOneNodeReplaysAProjectionNoOtherNodeReplaysOrVerifiesAProjectionOfItsProcessor() throws Exception {
        String view = "/admin/projections/" + PrescriptionViewProjection.PROCESSING_GROUP;
        try (Connection blocker = holdTheScratchTable("projection_rebuild", "prescription_view")) {
            Response started = a.post(view + "/replay", Map.of());
            assertThat(started.status()).as(started.toString()).isEqualTo(202);

            // both would build in projection_rebuild: the second would drop the tables the first is filling
            assertBusy(b.post(view + "/replay", Map.of()));
            assertBusy(b.post("/admin/projections/replay", Map.of()));
            assertBusy(b.post("/admin/projections/" + AlertProjection.PROCESSING_GROUP + "/verify", Map.of()));
            blocker.rollback();
        }
        new AdminProjections(a).awaitLive(PrescriptionViewProjection.PROCESSING_GROUP, Duration.ofSeconds(60));
        eachNodeHoldsOneSegmentAgain();
        Response verified = b.post(view + "/verify", Map.of());
        assertThat(verified.status()).as("free again once A's replay is over: " + verified).isEqualTo(200);
    }

    @Test
    void whileOneNodeVerifiesAProjectionNoOtherNodeVerifiesItOrReplaysItsProcessor() throws Exception {
        String view = "/admin/projections/" + PrescriptionViewProjection.PROCESSING_GROUP;
        CompletableFuture<Response> verifiedOnA;
        try (Connection blocker = holdTheScratchTable("projection_verify", "prescription_view")) {
            verifiedOnA = CompletableFuture.supplyAsync(() -> a.post(view + "/verify", Map.of()));
            await().atMost(WAIT).until(() -> waitingFor("drop table if exists projection_verify.prescription_view"));

            assertBusy(b.post(view + "/verify", Map.of()));
            assertBusy(b.post("/admin/projections/" + AlertProjection.PROCESSING_GROUP + "/replay", Map.of()));
            blocker.rollback();
        }
        Response verified = verifiedOnA.get(60, TimeUnit.SECONDS);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
    }

    @Test
    void twoPharmaciesAcceptingTheSameCodeOnTwoNodesAtOnceOneWins() {
        Response issued = a.post("/prescriptions", issue(unique("HOSP")));
        String code = issued.text("exchangeCode");
        String first = unique("PH");
        String second = unique("PH");

        List<Response> answers = atOnce(List.of(
                () -> a.post("/prescriptions/accept", accept(code, BIRTH_DATE, first)),
                () -> b.post("/prescriptions/accept", accept(code, BIRTH_DATE, second))));

        assertThat(answers).extracting(Response::status).containsExactlyInAnyOrder(200, 409);
        String holder = answers.get(0).status() == 200 ? first : second;
        assertThat(b.get("/prescriptions/" + issued.text("prescriptionId")).text("pharmacyId")).isEqualTo(holder);
        // issued + check, accepted
        assertThat(storedSequences(issued.text("prescriptionId"))).containsExactly(0L, 1L, 2L);
    }

    @Test
    void concurrentDispensingsThroughBothNodesAreAllKept() {
        String pharmacy = unique("PH");
        Response issued = a.post("/prescriptions", issue(unique("HOSP")));
        String id = issued.text("prescriptionId");
        assertThat(b.post("/prescriptions/accept", accept(issued.text("exchangeCode"), BIRTH_DATE, pharmacy)).status())
                .isEqualTo(200);

        // four appends on one aggregate at once: the losers of each race get a ConcurrencyException (the unique
        // aggregate-id/sequence index) and are retried on the fresh state, so every one lands
        List<Supplier<Response>> dispensings = new ArrayList<>();
        for (HttpApi node : List.of(a, b, a, b)) {
            dispensings.add(() -> node.post("/prescriptions/" + id + "/dispense",
                    dispense(pharmacy, false, item(1, AMLODIPINE_BRAND, 1, 1))));
        }
        List<Response> answers = atOnce(dispensings);

        assertThat(answers).extracting(Response::status).containsOnly(200);
        assertThat(a.get("/prescriptions/" + id).body().path("dispensings")).hasSize(4);
        // issued + check, accepted, four times dispensed + check
        assertThat(storedSequences(id)).containsExactly(LongStream.rangeClosed(0, 10).boxed().toArray(Long[]::new));
    }

    @Test
    void twoPrescriptionsForOnePatientIssuedAtOnceOnTwoNodesAlertOnTheLaterOne() {
        for (int round = 0; round < 5; round++) {
            String patient = unique("PAT");
            List<Map<String, Object>> bodies = new ArrayList<>();
            for (String institution : List.of(unique("HOSP"), unique("HOSP"))) {
                Map<String, Object> body = issue(institution);
                body.put("patient", Map.of("id", patient, "birthDate", BIRTH_DATE.toString()));
                bodies.add(body);
            }
            List<Response> answers = atOnce(List.of(() -> a.post("/prescriptions", bodies.get(0)),
                    () -> b.post("/prescriptions", bodies.get(1))));

            assertThat(answers).extracting(Response::status).containsOnly(201);
            // each check waited for the other's patient lock: exactly one of them saw the other
            List<Integer> alertCounts = answers.stream().map(answer -> answer.body().path("alerts").size()).toList();
            assertThat(alertCounts).as("round " + round).containsExactlyInAnyOrder(0, 1);
            Response later = answers.get(alertCounts.indexOf(1));
            Response earlier = answers.get(alertCounts.indexOf(0));
            // the answer masks another institution's course without consent; the recorded check names it
            JsonNode recorded = null;
            for (JsonNode event : a.get("/audit/prescriptions/" + later.text("prescriptionId") + "/events").body()) {
                if (event.path("type").asText().equals("InteractionCheckCompleted")) {
                    recorded = event.path("payload");
                }
            }
            assertThat(recorded).isNotNull();
            assertThat(recorded.path("alerts").get(0).path("conflicts").get(0).path("prescriptionId").asText())
                    .isEqualTo(earlier.text("prescriptionId"));
        }
    }

    @Test
    void aStreamOnOneNodeShowsWhatTheOtherNodeChanged() {
        String pharmacy = unique("PH");
        // prescription ids for both segments (Axon puts an aggregate in the segment of its id's hash), so that both
        // nodes' processors project some of the changes
        List<String> ids = new ArrayList<>();
        for (int segment = 0; segment < 2; segment++) {
            while (ids.size() < 4 * (segment + 1)) {
                String candidate = UUID.randomUUID().toString();
                if ((candidate.hashCode() & 1) == segment) {
                    ids.add(candidate);
                }
            }
        }
        List<String> codes = new ArrayList<>();
        for (String id : ids) {
            Map<String, Object> body = issue(unique("HOSP"));
            body.put("prescriptionId", id);
            Response issued = b.post("/prescriptions", body);
            assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
            codes.add(issued.text("exchangeCode"));
        }

        try (SseClient live = SseClient.open(port(nodeA), "/pharmacies/" + pharmacy + "/dispensing-view/stream",
                nodeA.getBean(ObjectMapper.class), null)) {
            assertThat(live.next(WAIT).name()).isEqualTo("snapshot");
            for (String code : codes) {
                assertThat(b.post("/prescriptions/accept", accept(code, BIRTH_DATE, pharmacy)).status()).isEqualTo(200);
            }
            Set<String> seen = new HashSet<>();
            while (seen.size() < ids.size()) {
                Event change = live.next(event -> "change".equals(event.name())
                        && "ACCEPTED".equals(event.data().path("status").asText())
                        && !seen.contains(event.data().path("prescriptionId").asText()), WAIT);
                seen.add(change.data().path("prescriptionId").asText());
            }
            assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    private static ConfigurableApplicationContext start(String url, String name) {
        return ExchangeNode.start(url, KEY, "--exchange.node-name=" + name,
                "--axon.eventhandling.processors." + ProjectionProcessorLayout.PROCESSOR + ".token-claim-interval=300");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ExchangeNode.port(context);
    }

    private static HttpApi api(ConfigurableApplicationContext context) {
        return ExchangeNode.api(context);
    }

    private static Set<String> owners(String processor) {
        return new HashSet<>(database.sql("select owner from tokenentry where processorname = :processor and owner is not null")
                .param("processor", processor).query(String.class).list());
    }

    /** While a replay stopped node A's processor, node B may have taken A's segment: B hands it back. */
    private static void eachNodeHoldsOneSegmentAgain() {
        String segments = "/admin/projections/" + PrescriptionViewProjection.PROCESSING_GROUP + "/segments";
        await().atMost(WAIT).untilAsserted(() -> {
            if (b.get(segments).body().path("claimedHere").size() == 2) {
                b.post(segments + "/0/release?for=PT20S", Map.of());
            }
            assertThat(owners(ProjectionProcessorLayout.PROCESSOR)).containsExactlyInAnyOrder("node-a", "node-b");
        });
    }

    /**
     * A table where a replay or verification puts its copy, held by an open transaction: it waits there to drop the
     * table. Roll the connection back to let it go on.
     */
    private static Connection holdTheScratchTable(String schema, String table) throws SQLException {
        database.sql("create schema if not exists " + schema).update();
        database.sql("create table if not exists " + schema + "." + table + " (placeholder int)").update();
        Connection connection = nodeA.getBean(DataSource.class).getConnection();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("lock table " + schema + "." + table + " in access share mode");
        }
        return connection;
    }

    private static boolean waitingFor(String statement) {
        return database.sql("select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query = :query")
                .param("query", statement).query(Long.class).single() > 0;
    }

    private static void assertBusy(Response answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.text("type")).endsWith("projection-busy");
    }

    private static List<Long> storedSequences(String aggregateId) {
        return database.sql("select sequencenumber from domainevententry where aggregateidentifier = :id order by 1")
                .param("id", aggregateId).query(Long.class).list();
    }

    /** Runs the calls on threads of their own, released together. */
    private static <T> List<T> atOnce(List<Supplier<T>> calls) {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<T>> running = new ArrayList<>();
        for (Supplier<T> call : calls) {
            running.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return call.get();
            }, runnable -> new Thread(runnable).start()));
        }
        start.countDown();
        return running.stream().map(CompletableFuture::join).toList();
    }
}

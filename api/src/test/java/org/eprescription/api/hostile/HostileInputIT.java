package org.eprescription.api.hostile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.engine.SourceOfRandomness;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IssuedPrescription;
import org.eprescription.api.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * Thousands of malformed and hostile bodies, headers and paths, generated with jqwik from valid requests to every
 * endpoint that takes input: the exchange never answers 500, never changes state on a refusal, and no answer shows a
 * stack trace, a class name or SQL. A failure names the request that caused it.
 *
 * <p>Every value is drawn from one seed, printed at the start of each test and named in every failure message:
 * {@code -Dhostile.seed=<seed>} replays the same hostile values (ids of the prescriptions it sets up still differ).
 * Without the property each run draws a fresh seed.
 */
class HostileInputIT extends ExchangeIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(HostileInputIT.class);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int BODIES_PER_ENDPOINT = 150;
    private static final int HOSTILE_HEADERS = 300;
    private static final int HOSTILE_PATHS = 300;
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "at org.", "at java.", "SQL", "PSQL",
            "org.springframework", "org.eprescription", "com.fasterxml", "java.lang", "org.postgresql", "Caused by");

    record Target(String method, String path, Identity identity, Object validBody) {
    }

    @Autowired
    JdbcClient jdbc;

    /** The system property that fixes the seed, so that a failure can be replayed. */
    static final String SEED_PROPERTY = "hostile.seed";
    private static final long SEED = seed();

    /** Anything that escapes a test without naming the seed (a failed set-up, an exception) is wrapped to name it. */
    @RegisterExtension
    static final TestExecutionExceptionHandler NAME_THE_SEED = HostileInputIT::nameTheSeed;

    private Random random;

    /** Each test draws from the seed afresh, so that it replays alone or together with the others. */
    @BeforeEach
    void seedRandomness(TestInfo test) {
        random = new Random(SEED);
        SourceOfRandomness.create(Long.toString(SEED)); // what jqwik's sample() and sampleStream() draw from
        String message = test.getDisplayName() + " draws from " + replay();
        log.info(message);
        System.out.println(HostileInputIT.class.getSimpleName() + ": " + message);
    }

    private static long seed() {
        String fixed = System.getProperty(SEED_PROPERTY, "").strip();
        if (fixed.isEmpty()) {
            return new SecureRandom().nextLong();
        }
        try {
            return Long.parseLong(fixed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + SEED_PROPERTY + " must be a long, not '" + fixed + "'", e);
        }
    }

    /** How to draw the same values again, as every failure message says it. */
    private static String replay() {
        return "seed " + SEED + " (replay: -D" + SEED_PROPERTY + "=" + SEED + ")";
    }

    private static void nameTheSeed(ExtensionContext context, Throwable failure) throws Throwable {
        if (String.valueOf(failure.getMessage()).contains(SEED_PROPERTY + "=" + SEED)) {
            throw failure;
        }
        throw new AssertionError(replay() + ": " + failure, failure);
    }

    @Test
    void hostileBodiesAreRefusedCleanlyAndChangeNothing() {
        List<Target> targets = targets();
        for (Target target : targets) {
            String token = TestTokens.of(target.identity());
            hostileBodies(target.validBody()).sampleStream().limit(BODIES_PER_ENDPOINT).forEach(body ->
                    send(target.method(), target.path(), body, Map.of("Content-Type", "application/json",
                            "Authorization", "Bearer " + token)));
        }
        log.info("{} hostile bodies sent", BODIES_PER_ENDPOINT * targets.size());
    }

    @Test
    void hostileHeadersAreRefusedCleanlyAndChangeNothing() {
        List<Target> targets = targets();
        Arbitrary<String> values = HostileValues.text().filter(HostileInputIT::sendableHeader);
        Arbitrary<String> names = Arbitraries.of("Authorization", "Content-Type", "Idempotency-Key", "Last-Event-ID",
                "Accept", "Content-Encoding", "X-Prescriber-Id");
        List<String> hostileValues = values.sampleStream().limit(HOSTILE_HEADERS).toList();
        for (String value : hostileValues) {
            Target target = targets.get(random.nextInt(targets.size()));
            String name = names.sample();
            Map<String, String> headers = new java.util.HashMap<>(Map.of("Content-Type", "application/json",
                    "Authorization", "Bearer " + TestTokens.of(target.identity())));
            headers.put(name, name.equals("Authorization") && random.nextBoolean() ? "Bearer " + value : value);
            send(target.method(), target.path(), json(target.validBody()), headers);
        }
    }

    @Test
    void hostilePathsAndQueriesAreRefusedCleanly() {
        Arbitrary<String> segments = HostileValues.text().filter(text -> text.length() < 2_000);
        List<String> templates = List.of("/prescriptions/%s", "/prescriptions/%s/stream", "/patients/%s/medications",
                "/patients/%s/alerts", "/patients/%s/access-log", "/institutions/%s/prescriptions",
                "/pharmacies/%s/dispensing-view", "/audit/prescriptions/%s/events",
                "/audit/prescriptions/" + UUID.randomUUID() + "/state?asOf=%s", "/admin/stuck-prescriptions?heldFor=%s",
                "/audit/events?from=%s", "/admin/projections/%s/verify", "/admin/dead-letters/%s/retry");
        List<String> hostileSegments = segments.sampleStream().limit(HOSTILE_PATHS).toList();
        for (int i = 0; i < hostileSegments.size(); i++) {
            String template = templates.get(random.nextInt(templates.size()));
            String value = URLEncoder.encode(hostileSegments.get(i), StandardCharsets.UTF_8).replace("+", "%20");
            String path = String.format(template, value);
            boolean post = template.endsWith("/verify") || template.endsWith("/retry");
            Identity who = template.startsWith("/audit") || template.startsWith("/admin") ? Identity.auditor()
                    : template.startsWith("/patients") ? Identity.patient("PAT-" + i)
                    : Identity.pharmacist("PH-" + i);
            send(post ? "POST" : "GET", path, post ? "{}" : null, Map.of("Content-Type", "application/json",
                    "Accept", template.endsWith("/stream") ? "text/event-stream" : "application/json",
                    "Authorization", "Bearer " + TestTokens.of(who)));
        }
    }

    /** A valid request of each endpoint that takes a body, on a prescription held by a pharmacy. */
    private List<Target> targets() {
        String institution = unique("HOSP");
        String pharmacy = unique("PH");
        Map<String, Object> issueBody = issue(institution);
        IssuedPrescription rx = issued(issueBody);
        IssuedPrescription other = issued(issue(institution));
        HttpApi api = api();
        api.post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, pharmacy));
        @SuppressWarnings("unchecked")
        Map<String, Object> prescriber = (Map<String, Object>) issueBody.get("prescriber");
        Identity doctor = Identity.prescriber(prescriber.get("id").toString(), institution);
        Identity pharmacist = Identity.pharmacist(pharmacy);
        @SuppressWarnings("unchecked")
        String patient = ((Map<String, Object>) issueBody.get("patient")).get("id").toString();
        Map<String, Object> newIssue = issue(institution);
        newIssue.put("prescriber", prescriber);
        newIssue.put("acknowledgedAlerts", List.of(Map.of("alertId", UUID.randomUUID().toString(), "reason", "ok")));
        return List.of(
                new Target("POST", "/prescriptions", doctor, newIssue),
                new Target("POST", rx.path() + "/cancel", doctor, Map.of("reason", "therapy changed")),
                new Target("POST", "/prescriptions/accept", pharmacist,
                        accept(other.exchangeCode(), BIRTH_DATE, pharmacy)),
                new Target("POST", rx.path() + "/release", pharmacist,
                        Map.of("pharmacyId", pharmacy, "reason", "patient did not come")),
                new Target("POST", rx.path() + "/dispense", pharmacist,
                        dispense(pharmacy, false, item(1, AMLODIPINE_BRAND, 1, 1))),
                new Target("POST", rx.path() + "/alerts/" + UUID.randomUUID() + "/acknowledge", doctor,
                        Map.of("reason", "agreed")),
                new Target("POST", "/duplicate-checks", doctor, Map.of("patientId", patient, "startDate", "2026-12-01",
                        "prescriptionId", UUID.randomUUID().toString(),
                        "lines", List.of(Map.of("drugCode", AMLODIPINE_BRAND, "days", 28)))),
                new Target("POST", "/dispensing-records", pharmacist, Map.of(
                        "recordId", UUID.randomUUID().toString(),
                        "patient", Map.of("id", patient, "birthDate", BIRTH_DATE.toString()),
                        "items", List.of(Map.of("drugCode", AMLODIPINE_BRAND, "quantity", 7, "days", 7)),
                        "prescribingInstitutionId", institution)),
                new Target("PUT", "/patients/" + patient + "/consent", Identity.patient(patient),
                        Map.of("sharingAllowed", true)),
                // an unknown projection: releasing a live one's segment is a real operation that stalls its views
                new Target("POST", "/admin/projections/no-such-projection/segments/0/release", Identity.auditor(),
                        Map.of()));
    }

    /** The valid body with one value made hostile, a field added, or the text itself broken. */
    private Arbitrary<String> hostileBodies(Object valid) {
        JsonNode tree = objectMapper.valueToTree(valid);
        List<String> pointers = new ArrayList<>();
        collectPointers(tree, "", pointers);
        String text = json(valid);
        Arbitrary<String> replaced = pointers.isEmpty() ? HostileValues.rawJsonValue()
                : Arbitraries.of(pointers).flatMap(pointer ->
                HostileValues.rawJsonValue().map(raw -> withValue(tree, pointer, raw)));
        Arbitrary<String> extraField = HostileValues.text().map(name ->
                "{" + HostileValues.quoted(name) + ": 1" + (text.equals("{}") ? "" : ",") + text.substring(1));
        Arbitrary<String> broken = Arbitraries.oneOf(
                Arbitraries.integers().between(0, Math.max(0, text.length() - 1)).map(cut -> text.substring(0, cut)),
                HostileValues.text(),
                Arbitraries.of(text + text, "[" + text + "]", text.replace(":", "="), "\uFEFF" + text,
                        text.replaceFirst("\\{", "{\"a\":1,\"a\":2,"), "{\"x\":" + "{\"x\":".repeat(5_000) + "1"
                                + "}".repeat(5_001)));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, replaced),
                net.jqwik.api.Tuple.of(2, extraField),
                net.jqwik.api.Tuple.of(2, broken));
    }

    private static void collectPointers(JsonNode node, String at, List<String> pointers) {
        if (!at.isEmpty()) {
            pointers.add(at);
        }
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(field -> collectPointers(node.get(field), at + "/" + field, pointers));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectPointers(node.get(i), at + "/" + i, pointers);
            }
        }
    }

    private String withValue(JsonNode tree, String pointer, String raw) {
        JsonNode copy = tree.deepCopy();
        int last = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, last));
        String key = pointer.substring(last + 1);
        if (parent instanceof ObjectNode object) {
            object.putRawValue(key, new RawValue(raw));
        } else if (parent instanceof ArrayNode array) {
            array.setRawValue(Integer.parseInt(key), new RawValue(raw));
        }
        return json(copy);
    }

    private String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean sendableHeader(String value) {
        return value.length() < 4_000 && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
                && !value.isBlank();
    }

    private void send(String method, String path, String body, Map<String, String> headers) {
        long eventsBefore = eventCount();
        long deadLettersBefore = deadLetterCount();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = CLIENT.send(request.build(), responseInfo -> responseInfo.headers()
                    .firstValue("Content-Type").orElse("").startsWith("text/event-stream")
                    ? HttpResponse.BodySubscribers.replacing("(stream)")
                    : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(replay() + ": " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String what = replay() + ": " + method + " " + path + " " + headers.keySet() + " " + abbreviated(body) + " -> "
                + response.statusCode() + " " + abbreviated(response.body());
        assertThat(response.statusCode()).as(what).isLessThan(500);
        for (String leak : LEAKS) {
            assertThat(response.body()).as(what).doesNotContain(leak);
        }
        if (response.statusCode() >= 400) {
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(what)
                    .startsWith("application/problem+json");
        }
        if (response.statusCode() >= 400) {
            assertThat(eventCount()).as("a refused request wrote nothing: " + what).isEqualTo(eventsBefore);
        }
        assertThat(deadLetterCount()).as("what was recorded, every projection could handle: " + what)
                .isEqualTo(deadLettersBefore);
    }

    private long deadLetterCount() {
        return jdbc.sql("select count(*) from deadletterentry").query(Long.class).single();
    }

    private long eventCount() {
        return jdbc.sql("select count(*) from domainevententry").query(Long.class).single();
    }

    private static String abbreviated(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + ")" : text;
    }
}

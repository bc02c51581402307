package org.eprescription.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IssuedPrescription;
import org.eprescription.api.support.SseClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * Every endpoint, called by every kind of caller: no token (401), each role acting for the prescription's own
 * institution, pharmacy or patient, the same role for another one, and an auditor. A caller that may not is answered
 * 403 and changes nothing; one that may gets past authorization (whatever the request then answers). Every endpoint
 * that names a prescription or a registered dispensing in its path is called again naming one that does not exist:
 * 404 for every caller whose role may call it, 403 for the other roles (docs/http-api.md, "Unknown and foreign
 * resources").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT extends ExchangeIntegrationTest {

    enum Caller { NONE, OWN_PRESCRIBER, OTHER_PRESCRIBER, OWN_PHARMACIST, OTHER_PHARMACIST, OWN_PATIENT,
        OTHER_PATIENT, AUDITOR, SERVICE_DESK }

    /** One endpoint: how to call it on a fixture, and who may. */
    record Endpoint(String name, boolean changesState, Set<Caller> allowed, Function<Fixture, Call> call) {
    }

    record Call(String method, String path, Object body) {
    }

    /**
     * An endpoint called on a prescription or record that does not exist ({@code unknown}), as {@code caller} (null
     * without a token): 404 for {@code notFoundFor}, 403 for every other caller with a token.
     */
    record UnknownResource(String name, Set<Caller> notFoundFor, BiFunction<Identity, String, Call> call) {
    }

    /**
     * A prescription of {@code patient} from {@code institution}'s prescriber, held by {@code pharmacy}, and a
     * dispensing of the patient that {@code pharmacy} registered ({@code recordId}).
     */
    record Fixture(String institution, String prescriber, String pharmacy, String patient, IssuedPrescription held,
                   IssuedPrescription waiting, String recordId) {
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private Fixture shared;

    @BeforeAll
    void issueTheSharedFixture() {
        shared = fixture();
    }

    private Fixture fixture() {
        String institution = unique("HOSP");
        String pharmacy = unique("PH");
        Map<String, Object> body = issue(institution);
        IssuedPrescription held = issued(body);
        @SuppressWarnings("unchecked")
        Map<String, Object> patient = (Map<String, Object>) body.get("patient");
        @SuppressWarnings("unchecked")
        String prescriber = ((Map<String, Object>) body.get("prescriber")).get("id").toString();
        Map<String, Object> second = issue(institution);
        second.put("patient", patient);
        second.put("prescriber", body.get("prescriber"));
        IssuedPrescription waiting = issued(second);
        assertThat(api().as(Identity.pharmacist(pharmacy))
                .post("/prescriptions/accept", accept(held.exchangeCode(), BIRTH_DATE, pharmacy)).status())
                .isEqualTo(200);
        HttpApi.Response record = api().as(Identity.pharmacist(pharmacy)).post("/dispensing-records", Map.of(
                "patient", Map.of("id", patient.get("id"), "birthDate", BIRTH_DATE.toString()),
                "items", List.of(Map.of("drugCode", "3962002F1024", "quantity", 14, "days", 14))));
        assertThat(record.status()).as(record.toString()).isEqualTo(201);
        return new Fixture(institution, prescriber, pharmacy, patient.get("id").toString(), held, waiting,
                record.text("recordId"));
    }

    private Identity identity(Caller caller, Fixture fixture) {
        return switch (caller) {
            case NONE -> null;
            case OWN_PRESCRIBER -> Identity.prescriber(fixture.prescriber(), fixture.institution());
            case OTHER_PRESCRIBER -> Identity.prescriber(fixture.prescriber(), unique("HOSP"));
            case OWN_PHARMACIST -> Identity.pharmacist(fixture.pharmacy());
            case OTHER_PHARMACIST -> Identity.pharmacist("RPH-" + fixture.pharmacy(), unique("PH"));
            case OWN_PATIENT -> Identity.patient(fixture.patient());
            case OTHER_PATIENT -> Identity.patient(unique("PAT"));
            case AUDITOR -> Identity.auditor();
            case SERVICE_DESK -> Identity.serviceDesk();
        };
    }

    private static List<Endpoint> endpoints() {
        Set<Caller> involved = Set.of(Caller.OWN_PRESCRIBER, Caller.OWN_PHARMACIST, Caller.OWN_PATIENT, Caller.AUDITOR);
        Set<Caller> providers = Set.of(Caller.OWN_PRESCRIBER, Caller.OTHER_PRESCRIBER, Caller.OWN_PHARMACIST,
                Caller.OTHER_PHARMACIST);
        Set<Caller> auditor = Set.of(Caller.AUDITOR);
        Set<Caller> ownPrescriberAndAuditor = Set.of(Caller.OWN_PRESCRIBER, Caller.AUDITOR);
        Set<Caller> ownPharmacistAndAuditor = Set.of(Caller.OWN_PHARMACIST, Caller.AUDITOR);
        Set<Caller> ownPatientAndAuditor = Set.of(Caller.OWN_PATIENT, Caller.AUDITOR);
        String never = "2100-01-01T00:00:00Z";
        List<Endpoint> all = new ArrayList<>();
        all.add(new Endpoint("POST /prescriptions", true, Set.of(Caller.OWN_PRESCRIBER), f -> {
            Map<String, Object> body = issue(f.institution());
            body.put("prescriber", Map.of("id", f.prescriber(), "institutionId", f.institution()));
            return new Call("POST", "/prescriptions", body);
        }));
        addViewAndItsStream(all, "/prescriptions/{id}", involved, f -> f.held().path());
        all.add(new Endpoint("POST /prescriptions/{id}/cancel", true, Set.of(Caller.OWN_PRESCRIBER),
                f -> new Call("POST", f.waiting().path() + "/cancel", Map.of("reason", "therapy changed"))));
        all.add(new Endpoint("POST /prescriptions/accept", true, Set.of(Caller.OWN_PHARMACIST),
                f -> new Call("POST", "/prescriptions/accept", accept(f.waiting().exchangeCode(), BIRTH_DATE,
                        f.pharmacy()))));
        all.add(new Endpoint("POST /prescriptions/{id}/release", true, Set.of(Caller.OWN_PHARMACIST),
                f -> new Call("POST", f.held().path() + "/release", Map.of("pharmacyId", f.pharmacy(),
                        "reason", "patient did not come"))));
        all.add(new Endpoint("POST /prescriptions/{id}/dispense", true, Set.of(Caller.OWN_PHARMACIST),
                f -> new Call("POST", f.held().path() + "/dispense", dispense(f.pharmacy(), true,
                        item(1, AMLODIPINE_BRAND, 28, 28)))));
        all.add(new Endpoint("POST /prescriptions/{id}/dispensings/{sequence}/correct", true,
                Set.of(Caller.OWN_PHARMACIST),
                f -> new Call("POST", f.held().path() + "/dispensings/1/correct", Map.of("reason", "typo"))));
        all.add(new Endpoint("POST /prescriptions/{id}/queries", true, Set.of(Caller.OWN_PHARMACIST),
                f -> new Call("POST", f.held().path() + "/queries", Map.of("question", "once or twice daily?"))));
        all.add(new Endpoint("GET /prescriptions/{id}/queries/{queryId}", false, involved,
                f -> new Call("GET", f.held().path() + "/queries/" + UUID.randomUUID(), null)));
        all.add(new Endpoint("POST /prescriptions/{id}/queries/{queryId}/answer", true, Set.of(Caller.OWN_PRESCRIBER),
                f -> new Call("POST", f.held().path() + "/queries/" + UUID.randomUUID() + "/answer",
                        Map.of("answer", "once daily", "acceptChange", false))));
        all.add(new Endpoint("POST /prescriptions/{id}/alerts/{alertId}/acknowledge", true,
                Set.of(Caller.OWN_PRESCRIBER, Caller.OWN_PHARMACIST),
                f -> new Call("POST", f.held().path() + "/alerts/" + UUID.randomUUID() + "/acknowledge",
                        Map.of("reason", "agreed with the patient"))));
        all.add(new Endpoint("POST /duplicate-checks", false, providers,
                f -> new Call("POST", "/duplicate-checks", Map.of("patientId", f.patient(),
                        "lines", List.of(Map.of("drugCode", AMLODIPINE_BRAND, "days", 28))))));
        all.add(new Endpoint("POST /dispensing-records", true, providers,
                f -> new Call("POST", "/dispensing-records", Map.of(
                        "patient", Map.of("id", f.patient(), "birthDate", BIRTH_DATE.toString()),
                        "items", List.of(Map.of("drugCode", AMLODIPINE_BRAND, "quantity", 7, "days", 7))))));
        all.add(new Endpoint("GET /dispensing-records/{recordId}", false,
                Set.of(Caller.OWN_PHARMACIST, Caller.OWN_PATIENT, Caller.AUDITOR),
                f -> new Call("GET", "/dispensing-records/" + f.recordId(), null)));
        all.add(new Endpoint("POST /dispensing-records/{recordId}/correct", true, Set.of(Caller.OWN_PHARMACIST),
                f -> new Call("POST", "/dispensing-records/" + f.recordId() + "/correct",
                        Map.of("reason", "registered twice"))));
        all.add(new Endpoint("GET /patients/{id}/medications", false, involved,
                f -> new Call("GET", "/patients/" + f.patient() + "/medications", null)));
        all.add(new Endpoint("GET /patients/{id}/alerts", false, involved,
                f -> new Call("GET", "/patients/" + f.patient() + "/alerts", null)));
        all.add(new Endpoint("PUT /patients/{id}/consent", true, Set.of(Caller.OWN_PATIENT),
                f -> new Call("PUT", "/patients/" + f.patient() + "/consent", Map.of("sharingAllowed", true))));
        all.add(new Endpoint("GET /patients/{id}/access-log", false, ownPatientAndAuditor,
                f -> new Call("GET", "/patients/" + f.patient() + "/access-log", null)));
        all.add(new Endpoint("GET /patients/{id}/prescriptions", false, ownPatientAndAuditor,
                f -> new Call("GET", "/patients/" + f.patient() + "/prescriptions", null)));
        // an image, not JSON: read as text
        all.add(new Endpoint("GET /patients/{id}/prescriptions/{prescriptionId}/qr-code", false, ownPatientAndAuditor,
                f -> new Call("TEXT", "/patients/" + f.patient() + "/prescriptions/" + f.waiting().id() + "/qr-code",
                        null)));
        addViewAndItsStream(all, "/institutions/{id}/prescriptions", ownPrescriberAndAuditor,
                f -> "/institutions/" + f.institution() + "/prescriptions");
        addViewAndItsStream(all, "/pharmacies/{id}/dispensing-view", ownPharmacistAndAuditor,
                f -> "/pharmacies/" + f.pharmacy() + "/dispensing-view");
        all.add(new Endpoint("GET /admin/stuck-prescriptions", false, Set.of(Caller.AUDITOR, Caller.SERVICE_DESK),
                f -> new Call("GET", "/admin/stuck-prescriptions?heldFor=PT48H", null)));
        all.add(new Endpoint("GET /audit/prescriptions/{id}/events", false, auditor,
                f -> new Call("GET", "/audit" + f.held().path() + "/events", null)));
        all.add(new Endpoint("GET /audit/prescriptions/{id}/state", false, auditor,
                f -> new Call("GET", "/audit" + f.held().path() + "/state?asOf=" + never, null)));
        all.add(new Endpoint("GET /audit/events", false, auditor,
                f -> new Call("TEXT", "/audit/events?from=" + never, null)));
        all.add(new Endpoint("GET /audit/export", false, auditor,
                f -> new Call("TEXT", "/audit/export?from=" + never, null)));
        all.add(new Endpoint("GET /audit/bulk-reads", false, auditor,
                f -> new Call("GET", "/audit/bulk-reads", null)));
        all.add(new Endpoint("GET /admin/projections", false, auditor,
                f -> new Call("GET", "/admin/projections", null)));
        // an auditor starts a real replay of every projection (202); the class waits for it at the end
        all.add(new Endpoint("POST /admin/projections/replay", true, auditor,
                f -> new Call("POST", "/admin/projections/replay", Map.of())));
        // an unknown projection: an auditor gets past authorization (404) without starting a real replay
        all.add(new Endpoint("POST /admin/projections/{name}/replay", true, auditor,
                f -> new Call("POST", "/admin/projections/no-such-projection/replay", Map.of())));
        all.add(new Endpoint("POST /admin/projections/{name}/verify", false, auditor,
                f -> new Call("POST", "/admin/projections/no-such-projection/verify", Map.of())));
        all.add(new Endpoint("GET /admin/projections/{name}/segments", false, auditor,
                f -> new Call("GET", "/admin/projections/prescription-view/segments", null)));
        all.add(new Endpoint("POST /admin/projections/{name}/segments/{segment}/release", true, auditor,
                f -> new Call("POST", "/admin/projections/no-such-projection/segments/0/release", Map.of())));
        all.add(new Endpoint("GET /admin/dead-letters", false, auditor,
                f -> new Call("GET", "/admin/dead-letters", null)));
        all.add(new Endpoint("POST /admin/dead-letters/{id}/retry", true, auditor,
                f -> new Call("POST", "/admin/dead-letters/" + UUID.randomUUID() + "/retry", Map.of())));
        return all;
    }

    /** The endpoints that name a prescription or registered dispensing in their path, naming one that does not exist. */
    private static List<UnknownResource> unknownResources() {
        Set<Caller> prescribers = Set.of(Caller.OWN_PRESCRIBER, Caller.OTHER_PRESCRIBER);
        Set<Caller> pharmacists = Set.of(Caller.OWN_PHARMACIST, Caller.OTHER_PHARMACIST);
        Set<Caller> providers = Set.of(Caller.OWN_PRESCRIBER, Caller.OTHER_PRESCRIBER, Caller.OWN_PHARMACIST,
                Caller.OTHER_PHARMACIST);
        Set<Caller> readers = Set.of(Caller.OWN_PRESCRIBER, Caller.OTHER_PRESCRIBER, Caller.OWN_PHARMACIST,
                Caller.OTHER_PHARMACIST, Caller.OWN_PATIENT, Caller.OTHER_PATIENT, Caller.AUDITOR);
        String never = "2100-01-01T00:00:00Z";
        List<UnknownResource> all = new ArrayList<>();
        all.add(new UnknownResource("GET /prescriptions/{id}", readers,
                (who, id) -> new Call("GET", "/prescriptions/" + id, null)));
        all.add(new UnknownResource("GET /prescriptions/{id}/stream", readers,
                (who, id) -> new Call("STREAM", "/prescriptions/" + id + "/stream", null)));
        all.add(new UnknownResource("POST /prescriptions/{id}/cancel", prescribers,
                (who, id) -> new Call("POST", "/prescriptions/" + id + "/cancel", Map.of("reason", "therapy changed"))));
        all.add(new UnknownResource("POST /prescriptions/{id}/release", pharmacists,
                (who, id) -> new Call("POST", "/prescriptions/" + id + "/release", Map.of("pharmacyId",
                        pharmacyOf(who), "reason", "patient did not come"))));
        all.add(new UnknownResource("POST /prescriptions/{id}/dispense", pharmacists,
                (who, id) -> new Call("POST", "/prescriptions/" + id + "/dispense", Map.of("pharmacyId",
                        pharmacyOf(who), "pharmacistId", who == null ? "RPH-X" : who.subject(), "completesUse", true,
                        "items", List.of(item(1, AMLODIPINE_BRAND, 28, 28))))));
        all.add(new UnknownResource("POST /prescriptions/{id}/dispensings/{sequence}/correct", pharmacists,
                (who, id) -> new Call("POST", "/prescriptions/" + id + "/dispensings/1/correct",
                        Map.of("reason", "typo"))));
        all.add(new UnknownResource("POST /prescriptions/{id}/queries", pharmacists,
                (who, id) -> new Call("POST", "/prescriptions/" + id + "/queries",
                        Map.of("question", "once or twice daily?"))));
        all.add(new UnknownResource("GET /prescriptions/{id}/queries/{queryId}", readers,
                (who, id) -> new Call("GET", "/prescriptions/" + id + "/queries/" + UUID.randomUUID(), null)));
        all.add(new UnknownResource("POST /prescriptions/{id}/queries/{queryId}/answer", prescribers,
                (who, id) -> new Call("POST", "/prescriptions/" + id + "/queries/" + UUID.randomUUID() + "/answer",
                        Map.of("answer", "once daily", "acceptChange", false))));
        all.add(new UnknownResource("POST /prescriptions/{id}/alerts/{alertId}/acknowledge", providers,
                (who, id) -> new Call("POST", "/prescriptions/" + id + "/alerts/" + UUID.randomUUID() + "/acknowledge",
                        Map.of("reason", "agreed with the patient"))));
        all.add(new UnknownResource("GET /dispensing-records/{recordId}", readers,
                (who, id) -> new Call("GET", "/dispensing-records/" + id, null)));
        all.add(new UnknownResource("POST /dispensing-records/{recordId}/correct", providers,
                (who, id) -> new Call("POST", "/dispensing-records/" + id + "/correct",
                        Map.of("reason", "registered twice"))));
        all.add(new UnknownResource("GET /audit/prescriptions/{id}/events", Set.of(Caller.AUDITOR),
                (who, id) -> new Call("GET", "/audit/prescriptions/" + id + "/events", null)));
        all.add(new UnknownResource("GET /audit/prescriptions/{id}/state", Set.of(Caller.AUDITOR),
                (who, id) -> new Call("GET", "/audit/prescriptions/" + id + "/state?asOf=" + never, null)));
        return all;
    }

    private static String pharmacyOf(Identity caller) {
        return caller == null || caller.pharmacyId() == null ? "PH-X" : caller.pharmacyId();
    }

    /** A view read with GET and its live stream at {@code /stream} below it, open to the same callers. */
    private static void addViewAndItsStream(List<Endpoint> all, String template, Set<Caller> allowed,
                                            Function<Fixture, String> path) {
        all.add(new Endpoint("GET " + template, false, allowed, f -> new Call("GET", path.apply(f), null)));
        all.add(new Endpoint("GET " + template + "/stream", false, allowed,
                f -> new Call("STREAM", path.apply(f) + "/stream", null)));
    }

    /** The replay of every projection an auditor started is over before the next class replays or verifies. */
    @AfterAll
    void awaitTheReplays() {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode projections = api().get("/admin/projections").body().path("projections");
            return projections.findValuesAsText("state").stream().noneMatch("REPLAYING"::equals);
        });
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointForEveryCaller() {
        return endpoints().stream().flatMap(endpoint -> Stream.of(Caller.values()).map(caller ->
                DynamicTest.dynamicTest(endpoint.name() + " as " + caller, () -> check(endpoint, caller))));
    }

    private void check(Endpoint endpoint, Caller caller) {
        // a call that may change something gets a fixture of its own, so that what it changes does not decide
        // what the next caller finds
        Fixture fixture = endpoint.changesState() && endpoint.allowed().contains(caller) ? fixture() : shared;
        Call call = endpoint.call().apply(fixture);
        long eventsBefore = eventCount();
        int status = send(call, identity(caller, fixture));
        if (caller == Caller.NONE) {
            assertThat(status).as(call + " without a token").isEqualTo(401);
        } else if (endpoint.allowed().contains(caller)) {
            assertThat(status).as(call + " as " + caller).isNotIn(401, 403);
        } else {
            assertThat(status).as(call + " as " + caller).isEqualTo(403);
        }
        if (!endpoint.allowed().contains(caller)) {
            assertThat(eventCount()).as("a refused " + call + " wrote nothing").isEqualTo(eventsBefore);
        }
    }

    @TestFactory
    Stream<DynamicTest> anUnknownResourceIsNotFoundForEveryCallerWithTheRole() {
        return unknownResources().stream().flatMap(endpoint -> Stream.of(Caller.values()).map(caller ->
                DynamicTest.dynamicTest(endpoint.name() + " of an unknown one as " + caller, () -> {
                    Identity identity = identity(caller, shared);
                    Call call = endpoint.call().apply(identity, UUID.randomUUID().toString());
                    long eventsBefore = eventCount();
                    int status = send(call, identity);
                    int expected = caller == Caller.NONE ? 401 : endpoint.notFoundFor().contains(caller) ? 404 : 403;
                    assertThat(status).as(call + " as " + caller).isEqualTo(expected);
                    assertThat(eventCount()).as(call + " wrote nothing").isEqualTo(eventsBefore);
                })));
    }

    /** Every endpoint that names a prescription or registered dispensing in its path is called on an unknown one. */
    @Test
    void everyEndpointOnAPrescriptionOrRecordIsCalledOnAnUnknownOne() {
        Set<String> naming = new TreeSet<>();
        endpoints().stream().map(Endpoint::name)
                .filter(name -> name.contains("/prescriptions/{id}") || name.contains("/dispensing-records/{recordId}"))
                .forEach(naming::add);
        Set<String> called = new TreeSet<>();
        unknownResources().forEach(endpoint -> called.add(endpoint.name()));
        assertThat(called).containsExactlyElementsOf(naming);
    }

    private int send(Call call, Identity identity) {
        HttpApi api = identity == null ? api().anonymous() : api().as(identity);
        return switch (call.method()) {
            case "GET" -> api.get(call.path()).status();
            case "POST" -> api.post(call.path(), call.body()).status();
            case "PUT" -> api.put(call.path(), call.body()).status();
            case "TEXT" -> identity == null ? api.get(call.path()).status() : api.getText(call.path()).status();
            case "STREAM" -> SseClient.status(port, call.path(), identity);
            default -> throw new IllegalArgumentException(call.method());
        };
    }

    private long eventCount() {
        return jdbc.sql("select count(*) from domainevententry").query(Long.class).single();
    }

    /** Keeps the matrix honest: it names every endpoint the application maps under /api/v1. */
    @Test
    void theMatrixCoversEveryEndpoint() {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(pattern -> pattern.startsWith("/api/v1/") && !pattern.equals("/api/v1/local-tokens"))
                .forEach(pattern -> info.getMethodsCondition().getMethods().forEach(method ->
                        mapped.add(method.name() + " " + normalized(pattern.substring("/api/v1".length()))))));
        Set<String> covered = new TreeSet<>();
        endpoints().forEach(endpoint -> covered.add(normalized(endpoint.name())));
        assertThat(covered).containsExactlyElementsOf(mapped);
    }

    private static String normalized(String endpoint) {
        return endpoint.replaceAll("\\{[^}]+}", "{}");
    }
}

package org.eprescription.api.hostile;

import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IssuedPrescription;
import org.eprescription.api.support.StoredEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.item;

/**
 * The errors Spring and Tomcat answer by themselves (wrong method, media type, path variable, a missing or broken
 * body, a request line the server refuses) are problem documents like the exchange's own, and none shows an
 * exception, a stack trace, SQL or a class name.
 */
class ErrorShapeIT extends ExchangeIntegrationTest {

    @Autowired
    StoredEvents events;

    private static final String PRESCRIPTIONS = "/api/v1/prescriptions";

    @Test
    void aMethodThePathDoesNotTakeIs405() {
        assertProblem(raw().send("DELETE", PRESCRIPTIONS + "/" + UUID.randomUUID(), "application/json", ""), 405);
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        assertProblem(raw().send("POST", PRESCRIPTIONS, "text/plain", "issue something"), 415);
    }

    @Test
    void anAnswerTheClientDoesNotAcceptIs406() {
        assertProblem(raw().get("/api/v1/pharmacies/" + UUID.randomUUID() + "/dispensing-view",
                Map.of("Accept", "application/xml")), 406);
    }

    @Test
    void aCommandWhoseAnswerTheClientDoesNotAcceptIs406AndNotCarriedOut() {
        IssuedPrescription rx = acceptedBy("PH-A");
        Map<String, Object> tenTablets = dispense("PH-A", false, item(1, AMLODIPINE_BRAND, 10, 10));

        for (String accept : List.of("text/event-stream", "application/x-ndjson", "image/svg+xml")) {
            Response refused = api().post(rx.path() + "/dispense", tenTablets, Map.of("Accept", accept));
            assertThat(refused.status()).as(accept + ": " + refused).isEqualTo(406);
            assertThat(refused.text("type")).isEqualTo("/problems/not-acceptable");
        }

        assertThat(events.count(rx.id(), "PrescriptionDispensed")).isZero();
        assertThat(api().post(rx.path() + "/dispense", tenTablets, Map.of("Accept", "application/json, */*;q=0.1"))
                .status()).isEqualTo(200);
    }

    @Test
    void aPathVariableThatIsNoUuidIs400() {
        assertProblem(raw().get(PRESCRIPTIONS + "/not-a-uuid", Map.of()), 400);
    }

    @Test
    void anEmptyBodyIs400() {
        assertProblem(raw().send("POST", PRESCRIPTIONS, "application/json", ""), 400);
    }

    @Test
    void brokenJsonIs400() {
        assertProblem(raw().send("POST", PRESCRIPTIONS, "application/json", "{\"patient\": {\"id\": "), 400);
    }

    @Test
    void invalidUtf8Is400() {
        byte[] body = "{\"exchangeCode\": \"\u0000\", \"pharmacyId\": \"PH-1\"}".getBytes(StandardCharsets.UTF_8);
        body[18] = (byte) 0xC3; // a lead byte followed by '"', which UTF-8 forbids
        assertProblem(raw().send("POST", PRESCRIPTIONS + "/accept", "application/json", body), 400);
    }

    @Test
    void aMissingOrMalformedQueryParameterIs400() {
        String state = "/api/v1/audit/prescriptions/" + UUID.randomUUID() + "/state";

        assertProblem(raw().get(state, Map.of()), 400);
        assertProblem(raw().get(state + "?asOf=yesterday", Map.of()), 400);
    }

    @Test
    void aDurationBeyondAnyUseIs400NotAnOverflow() {
        Response refused = api().as(Identity.auditor()).post(
                "/admin/projections/prescription-view/segments/0/release?for=PT100000000000000000S", Map.of());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.text("type")).isEqualTo("/problems/malformed-request");
    }

    @Test
    void anUnknownPathIs404() {
        assertProblem(raw().get("/api/v1/no-such-thing", Map.of()), 404);
    }

    @Test
    void aRequestTheServerRefusesBeforeTheApplicationSeesItIs400() {
        assertProblem(raw().requestLine("GET /api/v1/prescriptions/%zz HTTP/1.1"), 400);
        assertProblem(raw().requestLine("GET /api/v1/prescriptions/a{b HTTP/1.1"), 400);
    }

    @Test
    void theServletErrorPageIsAProblemToo() {
        assertProblem(raw().get("/error", Map.of("Accept", "text/html")), 404);
    }

    private RawHttp raw() {
        return new RawHttp(port);
    }

    private static void assertProblem(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"status\":" + status, "\"type\":\"/problems/")
                .doesNotContain("Exception", "at org.", "SQL", "org.", "java.", "trace", "about:blank");
    }
}

package org.eprescription.api.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IssuedPrescription;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.line;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * Bodies too large, strings too long, lists absurd, fields unknown or given twice: each is refused before anything
 * is written, with a problem that names what was wrong.
 */
class InputLimitsIT extends ExchangeIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    private long eventsBefore;

    @BeforeEach
    void countEvents() {
        eventsBefore = storedEvents();
    }

    @Test
    void aBodyLargerThan64KiBIs413() {
        Map<String, Object> body = issue(unique("HOSP"));
        patient(body).put("name", "x".repeat(70_000));

        Response refused = api().post("/prescriptions", body);

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("type")).isEqualTo("/problems/body-too-large");
        assertNothingWritten();
    }

    @Test
    void aChunkedBodyWithoutContentLengthIsCappedToo() throws Exception {
        Map<String, Object> body = issue(unique("HOSP"));
        patient(body).put("name", "x".repeat(70_000));

        RawHttp.Answer refused = new RawHttp(port).postChunked("/api/v1/prescriptions",
                objectMapper.writeValueAsString(body));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(413);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertNothingWritten();
    }

    @Test
    void aChunkedBodyWithinTheLimitIsReadAsAnyOther() throws Exception {
        RawHttp.Answer issued = new RawHttp(port).postChunked("/api/v1/prescriptions",
                objectMapper.writeValueAsString(issue(unique("HOSP"))));

        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    }

    @Test
    void overlongStringsAre400NamingEachField() {
        Map<String, Object> body = issue(unique("HOSP"));
        patient(body).put("name", "x".repeat(201));
        lines(body).get(0).put("dosage", "x".repeat(501));
        lines(body).get(0).put("drugCode", "9".repeat(33));

        Response refused = api().post("/prescriptions", body);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(fields(refused)).containsExactlyInAnyOrder("patient.name", "lines[0].dosage", "lines[0].drugCode");
        assertNothingWritten();
    }

    @Test
    void overlongIdsAndReasonsOfThePharmacysRequestsAre400() {
        IssuedPrescription rx = issued(issue(unique("HOSP")));
        String pharmacy = unique("PH");
        eventsBefore = storedEvents();

        Response accept = api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, "P".repeat(65)));
        Response dispense = api().post(rx.path() + "/dispense",
                dispense(pharmacy, true, item(1, "9".repeat(33), 28, 28)));
        Response release = api().post(rx.path() + "/release",
                Map.of("pharmacyId", pharmacy, "reason", "x".repeat(501)));

        assertThat(fields(accept)).containsExactlyInAnyOrder("pharmacyId", "pharmacistId");
        assertThat(fields(dispense)).containsExactly("items[0].drugCode");
        assertThat(fields(release)).containsExactly("reason");
        assertNothingWritten();
    }

    @Test
    void anIdThatOnlyLooksLikeAnotherIs400InsteadOfANewPatient() {
        for (String lookalike : List.of("PAT-0001\u200b", "PAT\u00a00001", "\uff30\uff21\uff34-0001")) {
            Map<String, Object> body = issue(unique("HOSP"));
            patient(body).put("id", lookalike);

            Response refused = api().post("/prescriptions", body);

            assertThat(refused.status()).as(lookalike + " " + refused).isEqualTo(400);
            assertThat(fields(refused)).containsExactly("patient.id");
        }
        assertNothingWritten();
    }

    @Test
    void aBirthDateInTheFutureAndHalfASurrogatePairAre400() throws Exception {
        Map<String, Object> body = issue(unique("HOSP"));
        patient(body).put("birthDate", "2190-01-01");
        Response future = api().post("/prescriptions", body);
        Map<String, Object> broken = issue(unique("HOSP"));
        patient(broken).put("name", "HALF-A-PAIR");
        // the JSON escape itself: a Java string holding the lone half would be sent as "?"
        Response halfAPair = api().post("/prescriptions",
                objectMapper.writeValueAsString(broken).replace("HALF-A-PAIR", "x\\ud800y"));

        assertThat(fields(future)).containsExactly("patient.birthDate");
        assertThat(halfAPair.status()).as(halfAPair.toString()).isEqualTo(400);
        assertNothingWritten();
    }

    @Test
    void aBirthDateOfTheExchangesTodayIsNotInTheFuture() {
        // the exchange's today, not the JVM's: moved ahead as a zone east of the JVM's is for part of the day
        clock.advance(Duration.ofDays(2));
        Map<String, Object> newborn = issue(unique("HOSP"));
        patient(newborn).put("birthDate", clock.today().toString());

        Response issued = api().post("/prescriptions", newborn);

        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    }

    @Test
    void anAbsurdListIs400WhileElevenLinesStayARuleViolation() {
        Map<String, Object> fiftyOne = issue(unique("HOSP"));
        fiftyOne.put("lines", IntStream.rangeClosed(1, 51).mapToObj(n -> line(n, AMLODIPINE_BRAND, 28, 28)).toList());
        Map<String, Object> eleven = issue(unique("HOSP"));
        eleven.put("lines", IntStream.rangeClosed(1, 11).mapToObj(n -> line(n, AMLODIPINE_BRAND, 28, 28)).toList());

        Response absurd = api().post("/prescriptions", fiftyOne);
        Response tooMany = api().post("/prescriptions", eleven);

        assertThat(absurd.status()).isEqualTo(400);
        assertThat(fields(absurd)).containsExactly("lines");
        assertThat(tooMany.status()).isEqualTo(422);
        assertNothingWritten();
    }

    @Test
    void anAbsurdQuantityIs400() {
        Map<String, Object> body = issue(unique("HOSP"));
        lines(body).get(0).put("quantity", new BigDecimal("1e999999999"));

        Response refused = api().post("/prescriptions", body);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(fields(refused)).containsExactly("lines[0].quantity");
        assertNothingWritten();
    }

    @Test
    void aValueOfTheWrongJsonTypeIs400InsteadOfBeingConverted() {
        Map<String, Object> fractionalDays = issue(unique("HOSP"));
        lines(fractionalDays).get(0).put("days", 7.9);
        Map<String, Object> daysAsText = issue(unique("HOSP"));
        lines(daysAsText).get(0).put("days", "7");
        Map<String, Object> asNeededAsNumber = issue(unique("HOSP"));
        lines(asNeededAsNumber).get(0).put("asNeeded", 1);
        Map<String, Object> emptyRefills = issue(unique("HOSP"));
        emptyRefills.put("refills", "");
        Map<String, Object> numericDrugCode = issue(unique("HOSP"));
        lines(numericDrugCode).get(0).put("drugCode", 2171022);
        Map<String, Object> wholeQuantity = issue(unique("HOSP"));
        lines(wholeQuantity).get(0).put("quantity", 28);

        assertThat(fields(api().post("/prescriptions", fractionalDays))).containsExactly("lines[0].days");
        assertThat(fields(api().post("/prescriptions", daysAsText))).containsExactly("lines[0].days");
        assertThat(fields(api().post("/prescriptions", asNeededAsNumber))).containsExactly("lines[0].asNeeded");
        assertThat(fields(api().post("/prescriptions", emptyRefills))).containsExactly("refills");
        assertThat(fields(api().post("/prescriptions", numericDrugCode))).containsExactly("lines[0].drugCode");
        assertNothingWritten();
        assertThat(api().post("/prescriptions", wholeQuantity).status()).as("a whole number is a quantity")
                .isEqualTo(201);
    }

    @Test
    void unknownFieldsAre400NamingTheField() {
        Map<String, Object> topLevel = issue(unique("HOSP"));
        topLevel.put("refils", 2);
        Map<String, Object> nested = issue(unique("HOSP"));
        lines(nested).get(0).put("colour", "white");

        Response typo = api().post("/prescriptions", topLevel);
        Response inALine = api().post("/prescriptions", nested);

        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.body().path("errors")).containsExactly(objectMapper.valueToTree(
                Map.of("field", "refils", "message", "unknown field")));
        assertThat(fields(inALine)).containsExactly("lines[0].colour");
        assertNothingWritten();
    }

    @Test
    void aKeyGivenTwiceIs400NamingTheField() throws Exception {
        String json = objectMapper.writeValueAsString(issue(unique("HOSP")));

        Response topLevel = api().post("/prescriptions", json.replace("\"refills\":0", "\"refills\":0,\"refills\":3"));
        Response nested = api().post("/prescriptions",
                json.replace("\"name\":\"Hanako Yamada\"", "\"name\":\"Hanako Yamada\",\"name\":\"Taro Yamada\""));

        assertThat(topLevel.status()).as(topLevel.toString()).isEqualTo(400);
        assertThat(fields(topLevel)).containsExactly("refills");
        assertThat(nested.status()).isEqualTo(400);
        assertThat(fields(nested)).containsExactly("patient.name");
        assertNothingWritten();
    }

    @Test
    void contentAfterTheDocumentIs400() throws Exception {
        String json = objectMapper.writeValueAsString(issue(unique("HOSP")));

        Response refused = api().post("/prescriptions", json + " {}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("type")).isEqualTo("/problems/malformed-request");
        assertNothingWritten();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> patient(Map<String, Object> body) {
        return (Map<String, Object>) body.get("patient");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lines(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.get("lines");
    }

    private static List<String> fields(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        for (JsonNode error : response.body().path("errors")) {
            fields.add(error.path("field").asText());
        }
        return fields;
    }

    private long storedEvents() {
        return jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
    }

    private void assertNothingWritten() {
        assertThat(storedEvents()).as("events in the store").isEqualTo(eventsBefore);
    }
}

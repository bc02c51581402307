package org.eprescription.api.prescription;

import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.ZOLPIDEM;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.line;
import static org.eprescription.api.support.Prescriptions.unique;

class IssuingIT extends ExchangeIntegrationTest {

    @Test
    void issuingAnswersCreatedWithTheViewAndAnExchangeCode() {
        Map<String, Object> body = issue(unique("HOSP"));
        Response response = api().post("/prescriptions", body);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.location()).isEqualTo("/api/v1/prescriptions/" + body.get("prescriptionId"));
        assertThat(response.text("prescriptionId")).isEqualTo(body.get("prescriptionId"));
        assertThat(response.text("status")).isEqualTo("ISSUED");
        assertThat(response.text("exchangeCode")).matches("\\d{4}-\\d{4}-\\d{4}-\\d{4}");
        assertThat(response.body().path("usesLeft").asInt()).isEqualTo(1);
        assertThat(response.text("validUntil")).isEqualTo(clock.today().plusDays(3).toString());
        assertThat(response.body().path("lines").get(0).path("drugName").asText()).contains("Amlodipine");
        assertThat(response.body().path("alerts").isArray()).isTrue();
        assertThat(response.body().path("alertCheck").path("performed").asBoolean()).isTrue();
        assertThat(response.body().path("alertCheck").path("catalogueVersion").asText()).startsWith("sha256:");
        // PrescriptionIssued and the issue's InteractionCheckCompleted
        assertThat(response.body().path("version").asLong()).isEqualTo(1L);
    }

    @Test
    void issuingWithoutAnIdLetsTheExchangeChooseOne() {
        Response response = issuingWithout("prescriptionId");

        assertThat(response.status()).isEqualTo(201);
        assertThat(UUID.fromString(response.text("prescriptionId"))).isNotNull();
    }

    @Test
    void readingAnIssuedPrescriptionShowsTheViewButNotTheCode() {
        Map<String, Object> body = issue(unique("HOSP"));
        api().post("/prescriptions", body);

        Response read = api().get("/prescriptions/" + body.get("prescriptionId"));

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("status")).isEqualTo("ISSUED");
        assertThat(read.body().has("exchangeCode")).isFalse();
        assertThat(read.body().toString()).doesNotContain("exchangeCodeHash");
    }

    @Test
    void reissuingTheSameBodyAnswersTheSamePrescriptionAndCode() {
        Map<String, Object> body = issue(unique("HOSP"));
        Response first = api().post("/prescriptions", body);
        Response retry = api().post("/prescriptions", body);

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.text("exchangeCode")).isEqualTo(first.text("exchangeCode"));
        assertThat(retry.body().path("version").asLong()).isEqualTo(1L);
    }

    @Test
    void aDifferentBodyUnderAnIssuedIdIsAConflict() {
        Map<String, Object> body = issue(unique("HOSP"));
        api().post("/prescriptions", body);
        body.put("lines", List.of(line(1, "2171022F1021", 56, 56)));

        Response retry = api().post("/prescriptions", body);

        assertRefused(retry, 409, "DIFFERENT_ISSUE_UNDER_SAME_ID");
        assertThat(retry.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anUnknownDrugCodeIsARuleViolation() {
        Map<String, Object> body = issue(unique("HOSP"));
        body.put("lines", List.of(line(1, "9999999X9999", 10, 10)));

        Response response = refusedAsRuleViolation(body, "UNKNOWN_DRUG");
        assertThat(response.text("detail")).contains("9999999X9999");
        assertThat(api().get("/prescriptions/" + body.get("prescriptionId")).status()).isEqualTo(404);
    }

    @Test
    void moreThanTwoRefillsIsARuleViolation() {
        Map<String, Object> body = issue(unique("HOSP"));
        body.put("refills", 3);

        refusedAsRuleViolation(body, "TOO_MANY_REFILLS");
    }

    @Test
    void refillsOfAHypnoticAreRefusedAndNothingIsIssued() {
        Map<String, Object> body = issue(unique("HOSP"));
        body.put("lines", List.of(line(1, ZOLPIDEM, 7, 7)));
        body.put("refills", 2);

        Response response = refusedAsRuleViolation(body, "REFILL_NOT_ALLOWED");
        assertThat(response.text("type")).isEqualTo("/problems/refill-not-allowed");
        assertThat(response.text("detail")).contains(ZOLPIDEM);
        assertThat(api().get("/prescriptions/" + body.get("prescriptionId")).status()).isEqualTo(404);
    }

    @Test
    void moreDaysThanADrugsLongestSupplyAreRefusedAndItsLongestSupplyIsIssued() {
        Map<String, Object> body = issue(unique("HOSP"));
        body.put("lines", List.of(line(1, ZOLPIDEM, 31, 31)));

        Response tooLong = refusedAsRuleViolation(body, "DAYS_ABOVE_LONGEST_SUPPLY");
        body.put("lines", List.of(line(1, ZOLPIDEM, 30, 30)));
        Response thirtyDays = api().post("/prescriptions", body);

        assertThat(tooLong.text("type")).isEqualTo("/problems/days-above-longest-supply");
        assertThat(tooLong.text("detail")).contains("30");
        assertThat(thirtyDays.status()).isEqualTo(201);
    }

    @Test
    void invalidLinesAreARuleViolation() {
        Map<String, Object> body = issue(unique("HOSP"));
        body.put("lines", List.of(line(1, "2171022F1021", 28, 366)));

        refusedAsRuleViolation(body, "INVALID_LINES");
    }

    @Test
    void aLineInAnotherUnitThanItsDrugsIsRefusedNamingTheDrugsUnit() {
        // 140 mg meant as 28 tablets of 5 mg would be counted as 140 tablets at the pharmacy
        Map<String, Object> body = issue(unique("HOSP"));
        Map<String, Object> inMilligrams = line(1, "2171022F1021", 140, 28);
        inMilligrams.put("unit", "mg");
        body.put("lines", List.of(inMilligrams));

        Response response = refusedAsRuleViolation(body, "INVALID_LINES");
        assertThat(response.text("type")).isEqualTo("/problems/invalid-lines");
        assertThat(response.text("detail")).contains("counted in tablet, not in mg");
        assertThat(api().get("/prescriptions/" + body.get("prescriptionId")).status()).isEqualTo(404);
        inMilligrams.put("unit", " Tablet ");
        inMilligrams.put("quantity", 28);
        assertThat(api().post("/prescriptions", body).status()).isEqualTo(201);
    }

    @Test
    void aValidUntilBeforeTheIssueDateIsARuleViolation() {
        Map<String, Object> body = issue(unique("HOSP"));
        body.put("validUntil", clock.today().minusDays(1).toString());

        refusedAsRuleViolation(body, "VALID_UNTIL_BEFORE_ISSUE");
    }

    @Test
    void aValidUntilBeyondTheHorizonIsARuleViolation() {
        Map<String, Object> tooLate = issue(unique("HOSP"));
        tooLate.put("validUntil", clock.today().plusYears(1).plusDays(1).toString());
        Map<String, Object> atTheHorizon = issue(unique("HOSP"));
        atTheHorizon.put("validUntil", clock.today().plusYears(1).toString());

        refusedAsRuleViolation(tooLate, "VALID_UNTIL_BEYOND_HORIZON");
        Response issued = api().post("/prescriptions", atTheHorizon);

        assertThat(api().get("/prescriptions/" + tooLate.get("prescriptionId")).status()).isEqualTo(404);
        assertThat(issued.status()).isEqualTo(201);
        assertThat(issued.text("validUntil")).isEqualTo(clock.today().plusYears(1).toString());
    }

    @Test
    void aMissingPatientIsMalformedAndNamesTheField() {
        Response response = issuingWithout("patient");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("errors").get(0).path("field").asText()).isEqualTo("patient");
    }

    @Test
    void anIllTypedFieldIsMalformed() {
        Map<String, Object> body = issue(unique("HOSP"));
        body.put("refills", "two");

        Response response = api().post("/prescriptions", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("detail")).contains("refills");
    }

    @Test
    void brokenJsonIsMalformedWithoutInternals() {
        Response response = api().post("/prescriptions", "{\"patient\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().toString()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void anUnknownPrescriptionIsNotFound() {
        Response response = api().get("/prescriptions/" + UUID.randomUUID());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aMalformedPrescriptionIdIsMalformed() {
        assertThat(api().get("/prescriptions/not-a-uuid").status()).isEqualTo(400);
    }

    /** Issuing the body is refused as a rule violation (422, a problem) with that refusal. */
    private Response refusedAsRuleViolation(Map<String, Object> body, String refusal) {
        Response response = api().post("/prescriptions", body);
        assertRefused(response, 422, refusal);
        assertThat(response.contentType()).startsWith("application/problem+json");
        return response;
    }

    /** The usual body of a new institution, without this field, is issued. */
    private Response issuingWithout(String field) {
        Map<String, Object> body = issue(unique("HOSP"));
        body.remove(field);
        return api().post("/prescriptions", body);
    }
}

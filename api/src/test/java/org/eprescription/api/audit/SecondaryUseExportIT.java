package org.eprescription.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.HttpApi.TextResponse;
import org.eprescription.api.support.IssuedPrescription;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_GENERIC;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.line;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;

class SecondaryUseExportIT extends ExchangeIntegrationTest {

    private static final String DOSAGE = "two tablets at bedtime, only when the pain is unbearable";
    private static final String ACK_REASON = "agreed with the cardiologist on the phone";
    private static final String RELEASE_REASON = "patient asked for another pharmacy near home";
    private static final String CANCEL_REASON = "patient reported dizziness at night";

    private final Pseudonyms pseudonyms = new Pseudonyms(PSEUDONYM_KEY);

    @Test
    void theExportNamesNoPersonAndKeepsWhatSecondaryUseNeeds() {
        String pharmacy = unique("PH");
        String pharmacist = "RPH-" + pharmacy;
        Map<String, Object> firstBody = issue(unique("HOSP"));
        @SuppressWarnings("unchecked")
        Map<String, Object> patient = (Map<String, Object>) firstBody.get("patient");
        String patientId = patient.get("id").toString();
        patient.put("name", "Sakura Tanabe-Okonkwo");
        @SuppressWarnings("unchecked")
        Map<String, Object> firstLine = ((List<Map<String, Object>>) firstBody.get("lines")).get(0);
        firstLine.put("dosage", DOSAGE);
        IssuedPrescription first = issued(firstBody);
        api().post("/prescriptions/accept", Map.of("exchangeCode", first.exchangeCode(),
                "patientBirthDate", BIRTH_DATE.toString(), "pharmacyId", pharmacy, "pharmacistId", pharmacist));
        api().post(first.path() + "/release", Map.of("pharmacyId", pharmacy, "reason", RELEASE_REASON));
        api().post("/prescriptions/accept", Map.of("exchangeCode", first.exchangeCode(),
                "patientBirthDate", BIRTH_DATE.toString(), "pharmacyId", pharmacy, "pharmacistId", pharmacist));
        api().post(first.path() + "/dispense", Map.of("pharmacyId", pharmacy, "pharmacistId", pharmacist,
                "items", List.of(item(1, AMLODIPINE_GENERIC, 28, 28)), "completesUse", true));

        Map<String, Object> secondBody = issue(first.institutionId());
        secondBody.put("patient", patient);
        secondBody.put("lines", List.of(line(1, AMLODIPINE_BRAND, 14, 14)));
        IssuedPrescription second = issued(secondBody);
        Response secondRead = api().get(second.path());
        String alertId = secondRead.body().path("alerts").get(0).path("alertId").asText();
        api().post(second.path() + "/alerts/" + alertId + "/acknowledge", Map.of("reason", ACK_REASON),
                prescriberHeaders(second.institutionId()));
        api().post(second.path() + "/cancel", Map.of("reason", CANCEL_REASON),
                prescriberHeaders(second.institutionId()));
        String prescriberId = ((Map<?, ?>) firstBody.get("prescriber")).get("id").toString();
        String codeHash = api().get("/audit" + first.path() + "/events").body().get(0)
                .path("payload").path("exchangeCodeHash").asText();
        assertThat(codeHash).isNotBlank();

        TextResponse export = api().getText("/audit/export");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        String text = export.text();
        assertThat(text).doesNotContain(patientId, prescriberId, "\"DOC-", pharmacist, "RPH-",
                "Sakura", "Tanabe", BIRTH_DATE.toString(), DOSAGE, "once daily", ACK_REASON, RELEASE_REASON,
                CANCEL_REASON, first.exchangeCode(), second.exchangeCode(), codeHash, first.id(), second.id(),
                alertId, "exchangeCodeHash", "\"name\"", "\"reason\"", "\"dosage\"", "actorId");

        List<JsonNode> firstLines = linesOf(text, first.id());
        List<JsonNode> secondLines = linesOf(text, second.id());
        assertThat(firstLines).extracting(line -> line.path("type").asText()).containsExactly(
                "PrescriptionIssued", "PrescriptionAccepted", "PrescriptionReleased", "PrescriptionAccepted",
                "PrescriptionDispensed", "PrescriptionCompleted");
        assertThat(secondLines).extracting(line -> line.path("type").asText()).containsExactly(
                "PrescriptionIssued", "AlertAcknowledged", "PrescriptionCancelled");

        JsonNode firstIssued = firstLines.get(0).path("payload");
        JsonNode secondIssued = secondLines.get(0).path("payload");
        String patientPseudonym = firstIssued.path("patient").path("id").asText();
        assertThat(patientPseudonym).isNotBlank().isNotEqualTo(patientId)
                .as("the same patient, the same pseudonym")
                .isEqualTo(secondIssued.path("patient").path("id").asText());
        assertThat(firstIssued.path("patient").path("birthYear").asInt()).isEqualTo(BIRTH_DATE.getYear());
        assertThat(firstIssued.path("prescriber").path("institutionId").asText()).isEqualTo(first.institutionId());
        assertThat(firstIssued.path("lines").get(0).path("drugCode").asText()).isEqualTo(AMLODIPINE_BRAND);
        assertThat(firstIssued.path("lines").get(0).path("days").asInt()).isEqualTo(28);
        assertThat(firstIssued.path("validUntil").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(firstIssued.path("issuedAt").asText()).isNotBlank();
        assertThat(firstIssued.path("issuedOn").asText()).as("the day the exchange decided, in its zone")
                .isEqualTo(api().get(first.path()).body().path("issuedOn").asText()).isNotBlank();
        assertThat(firstIssued.path("lines").get(0).path("asNeeded").isBoolean()).isTrue();
        JsonNode dispensed = firstLines.get(4).path("payload");
        assertThat(dispensed.path("pharmacyId").asText()).isEqualTo(pharmacy);
        assertThat(dispensed.path("pharmacistId").asText())
                .isEqualTo(firstLines.get(1).path("payload").path("pharmacistId").asText());
        assertThat(dispensed.path("items").get(0).path("drugCode").asText()).isEqualTo(AMLODIPINE_GENERIC);
        assertThat(dispensed.path("items").get(0).path("quantity").asInt()).isEqualTo(28);
        assertThat(dispensed.path("dispensedAt").asText()).isNotBlank();
        assertThat(dispensed.path("dispensedOn").asText()).isEqualTo(firstIssued.path("issuedOn").asText());
        assertThat(dispensed.path("countedAsPrescribed").get(0).path("quantity").asInt()).isEqualTo(28);
        assertThat(secondLines.get(2).path("payload").path("prescriberId").asText()).isNotBlank();
    }

    private List<JsonNode> linesOf(String text, String prescriptionId) {
        String pseudonym = pseudonyms.of(Pseudonyms.Kind.PRESCRIPTION, prescriptionId);
        return text.lines().map(this::json)
                .filter(line -> line.path("prescriptionId").asText().equals(pseudonym))
                .toList();
    }
}

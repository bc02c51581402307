package org.eprescription.api.patient;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IssuedPrescription;
import org.eprescription.core.code.ExchangeCodes;
import org.eprescription.core.ids.PrescriptionId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * {@code GET /patients/{patientId}/prescriptions}: the patient's own list, with the exchange code of each prescription
 * still waiting for a pharmacy, derived again (never stored), and that code as a QR code.
 */
class PatientPrescriptionsIT extends ExchangeIntegrationTest {

    @Autowired
    ExchangeCodes codes;

    @Autowired
    JdbcClient jdbc;

    /** A prescription for {@code patient} from a new institution, with {@code refills}. */
    private IssuedPrescription issuedTo(Map<String, Object> patient, int refills) {
        Map<String, Object> body = issue(unique("HOSP"));
        body.put("patient", patient);
        body.put("refills", refills);
        return issued(body);
    }

    private static Map<String, Object> newPatient() {
        return new HashMap<>(Map.of("id", unique("PAT"), "birthDate", BIRTH_DATE.toString(), "name", "Hanako Yamada"));
    }

    private Response listOf(Map<String, Object> patient, Identity as) {
        return api().as(as).get("/patients/" + patient.get("id") + "/prescriptions");
    }

    private static Map<String, JsonNode> byId(Response list) {
        Map<String, JsonNode> shown = new HashMap<>();
        list.body().path("prescriptions").forEach(view -> shown.put(view.path("prescriptionId").asText(), view));
        return shown;
    }

    @Test
    void thePatientSeesTheCodesOfOpenPrescriptionsAndTheyAreTheCodesThatAcceptThem() {
        Map<String, Object> patient = newPatient();
        IssuedPrescription first = issuedTo(patient, 0);
        IssuedPrescription second = issuedTo(patient, 1);

        Response list = listOf(patient, Identity.patient(patient.get("id").toString()));

        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.text("patientId")).isEqualTo(patient.get("id"));
        assertThat(list.body().path("prescriptions")).extracting(view -> view.path("prescriptionId").asText())
                .as("newest first").containsExactly(second.id(), first.id());
        JsonNode shown = byId(list).get(first.id());
        assertThat(shown.path("status").asText()).isEqualTo("ISSUED");
        assertThat(shown.path("exchangeCode").asText()).isEqualTo(first.exchangeCode());
        assertThat(shown.path("validUntil").asText()).isNotBlank();
        assertThat(shown.path("usesLeft").asInt()).isEqualTo(1);
        assertThat(shown.path("lines").get(0).path("drugName").asText()).isEqualTo("Amlodipine 5 mg tablet (brand A)");
        assertThat(shown.path("lines").get(0).path("drugNameJa").asText()).isEqualTo("アムロジピン錠5mg（先発A）");
        assertThat(byId(list).get(second.id()).path("exchangeCode").asText()).isEqualTo(second.exchangeCode());

        String pharmacy = unique("PH");
        Response accepted = api().post("/prescriptions/accept",
                accept(shown.path("exchangeCode").asText(), BIRTH_DATE, pharmacy));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.text("prescriptionId")).isEqualTo(first.id());

        JsonNode held = byId(listOf(patient, Identity.patient(patient.get("id").toString()))).get(first.id());
        assertThat(held.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(held.has("exchangeCode")).as("a pharmacy holds it: no code to show").isFalse();
    }

    @Test
    void aRefillWaitingForItsWindowShowsTheSameCodeAndItStillNamesThePrescription() {
        Map<String, Object> patient = newPatient();
        IssuedPrescription refillable = issuedTo(patient, 1);
        String pharmacy = unique("PH");
        assertThat(api().post("/prescriptions/accept", accept(refillable.exchangeCode(), BIRTH_DATE, pharmacy))
                .status()).isEqualTo(200);
        assertThat(api().post(refillable.path() + "/dispense", dispense(pharmacy, true, item(1, AMLODIPINE_BRAND, 28,
                28))).status()).isEqualTo(200);

        JsonNode waiting = byId(listOf(patient, Identity.patient(patient.get("id").toString()))).get(refillable.id());

        assertThat(waiting.path("status").asText()).isEqualTo("AWAITING_REFILL");
        assertThat(waiting.path("refillWindow").path("opens").asText()).isNotBlank();
        assertThat(waiting.path("usesLeft").asInt()).isEqualTo(1);
        assertThat(waiting.path("exchangeCode").asText()).isEqualTo(refillable.exchangeCode());
        Response tooEarly = api().post("/prescriptions/accept",
                accept(waiting.path("exchangeCode").asText(), BIRTH_DATE, unique("PH")));
        assertThat(tooEarly.status()).as("the code names the prescription; only its window is not open yet: "
                + tooEarly).isEqualTo(409);
        assertThat(tooEarly.text("refusal")).isEqualTo("REFILL_WINDOW_NOT_OPEN");
    }

    @Test
    void completedAndCancelledPrescriptionsShowNoCodeAndNoQrCode() {
        Map<String, Object> patient = newPatient();
        IssuedPrescription completed = issuedTo(patient, 0);
        String pharmacy = unique("PH");
        api().post("/prescriptions/accept", accept(completed.exchangeCode(), BIRTH_DATE, pharmacy));
        assertThat(api().post(completed.path() + "/dispense", dispense(pharmacy, true,
                item(1, AMLODIPINE_BRAND, 28, 28))).text("status")).isEqualTo("COMPLETED");
        IssuedPrescription cancelled = issuedTo(patient, 0);
        assertThat(api().post(cancelled.path() + "/cancel", Map.of("reason", "wrong patient"),
                prescriberHeaders(cancelled.institutionId())).text("status")).isEqualTo("CANCELLED");

        Response list = listOf(patient, Identity.patient(patient.get("id").toString()));

        assertThat(byId(list).get(completed.id()).path("status").asText()).isEqualTo("COMPLETED");
        assertThat(byId(list).get(cancelled.id()).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(list.body().path("prescriptions")).allSatisfy(view ->
                assertThat(view.has("exchangeCode")).as(view.toString()).isFalse());
        assertThat(list.toString()).doesNotContain(completed.exchangeCode()).doesNotContain(cancelled.exchangeCode());
        for (IssuedPrescription finished : List.of(completed, cancelled)) {
            HttpApi.TextResponse qr = api().as(Identity.patient(patient.get("id").toString()))
                    .getText("/patients/" + patient.get("id") + "/prescriptions/" + finished.id() + "/qr-code");
            assertThat(qr.status()).isEqualTo(404);
            assertThat(qr.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void theQrCodeDecodesToTheExchangeCode() {
        Map<String, Object> patient = newPatient();
        IssuedPrescription rx = issuedTo(patient, 0);

        HttpApi.TextResponse qr = api().as(Identity.patient(patient.get("id").toString()))
                .getText("/patients/" + patient.get("id") + "/prescriptions/" + rx.id() + "/qr-code");

        assertThat(qr.status()).as(qr.text()).isEqualTo(200);
        assertThat(qr.contentType()).startsWith("image/svg+xml");
        assertThat(QrCodes.decode(QrCodes.render(qr.text()))).isEqualTo(rx.exchangeCode());
        assertThat(qr.text()).doesNotContain(rx.exchangeCode());
    }

    @Test
    void aCodeDerivedAgainAfterACollisionIsShownAsItWasHandedOut() {
        PrescriptionId id = PrescriptionId.random();
        UUID other = UUID.randomUUID();
        jdbc.sql("insert into live_exchange_code (code_hash, prescription_id) values (:hash, :other)")
                .param("hash", codes.hashOf(codes.codeFor(id, "k1", 0), "k1")).param("other", other)
                .update();
        Map<String, Object> patient = newPatient();
        Map<String, Object> body = issue(unique("HOSP"));
        body.put("prescriptionId", id.asString());
        body.put("patient", patient);
        IssuedPrescription rx = issued(body);
        assertThat(rx.exchangeCode()).isEqualTo(codes.codeFor(id, "k1", 1));

        JsonNode shown = byId(listOf(patient, Identity.patient(patient.get("id").toString()))).get(rx.id());

        assertThat(shown.path("exchangeCode").asText()).isEqualTo(rx.exchangeCode());
        // the holder registered by hand has no events: let go of it, so that live-exchange-code verifies
        jdbc.sql("delete from live_exchange_code where prescription_id = :other").param("other", other).update();
    }

    @Test
    void anotherPatientIsRefusedAndAPatientWithoutPrescriptionsHasAnEmptyList() {
        Map<String, Object> patient = newPatient();
        IssuedPrescription rx = issuedTo(patient, 0);
        Identity stranger = Identity.patient(unique("PAT"));

        Response refused = listOf(patient, stranger);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.toString()).doesNotContain(rx.exchangeCode());
        assertThat(api().as(stranger).getText("/patients/" + patient.get("id") + "/prescriptions/" + rx.id()
                + "/qr-code").status()).isEqualTo(403);
        assertThat(api().as(Identity.pharmacist(unique("PH"))).get("/patients/" + patient.get("id")
                + "/prescriptions").status()).isEqualTo(403);
        assertThat(api().as(Identity.prescriber("DOC-1", rx.institutionId())).get("/patients/" + patient.get("id")
                + "/prescriptions").status()).as("not even the issuing institution: the codes are the patient's")
                .isEqualTo(403);

        Response empty = api().as(stranger).get("/patients/" + stranger.patientId() + "/prescriptions");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body().path("prescriptions")).isEmpty();
        assertThat(api().as(stranger).getText("/patients/" + stranger.patientId() + "/prescriptions/" + rx.id()
                + "/qr-code").status()).as("another patient's prescription under one's own path: unknown")
                .isEqualTo(404);
    }

    @Test
    void anAuditorMayReadTheListAndTheReadIsInThePatientsAccessLog() {
        Map<String, Object> patient = newPatient();
        String patientId = patient.get("id").toString();
        IssuedPrescription rx = issuedTo(patient, 0);
        listOf(patient, Identity.patient(patientId));

        Response audited = listOf(patient, Identity.auditor());
        HttpApi.TextResponse qr = api().as(Identity.auditor())
                .getText("/patients/" + patientId + "/prescriptions/" + rx.id() + "/qr-code");

        assertThat(audited.status()).isEqualTo(200);
        assertThat(byId(audited).get(rx.id()).path("exchangeCode").asText()).isEqualTo(rx.exchangeCode());
        assertThat(qr.status()).isEqualTo(200);
        JsonNode log = api().as(Identity.patient(patientId)).get("/patients/" + patientId + "/access-log").body();
        List<String> entries = new ArrayList<>();
        log.path("entries").forEach(entry -> entries.add(entry.path("role").asText() + " "
                + entry.path("accessorId").asText() + " " + entry.path("what").asText()));
        assertThat(entries).contains("AUDITOR AUD-1 prescriptions",
                "AUDITOR AUD-1 exchange code of prescription " + rx.id());
        assertThat(entries).as("the patient's own reads are not logged").noneMatch(entry -> entry.startsWith("PATIENT"));
    }
}

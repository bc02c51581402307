package org.eprescription.api.record;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IssuedPrescription;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.eprescription.core.ids.DispensingRecordId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_GENERIC;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.unique;
import static org.eprescription.api.support.Prescriptions.METFORMIN;
import static org.eprescription.api.support.Prescriptions.LOXOPROFEN_TABLET;

/**
 * Dispensings registered without an electronic prescription (docs/alerts.md, "Registered dispensings"), over HTTP on
 * PostgreSQL: checked against electronic prescriptions and they against it, in the medication list, corrected and
 * withdrawn the same day only, named only as the privacy rules allow, retried safely, and replayed exactly.
 */
class DispensingRecordsIT extends ExchangeIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private final String patient = unique("PAT");
    private final String pharmacy = unique("PH");
    private final String paperIssuer = unique("CLINIC");

    private HttpApi asPharmacy() {
        return api().as(Identity.pharmacist(pharmacy));
    }

    private HttpApi asPrescriberOf(String institution) {
        return api().as(Identity.prescriber("DOC-" + institution, institution));
    }

    private Map<String, Object> record(String drugCode, int days) {
        Map<String, Object> body = new HashMap<>();
        body.put("patient", Map.of("id", patient, "birthDate", BIRTH_DATE.toString()));
        body.put("items", List.of(item(drugCode, days)));
        body.put("prescribingInstitutionId", paperIssuer);
        return body;
    }

    private static Map<String, Object> item(String drugCode, int days) {
        return Map.of("drugCode", drugCode, "quantity", days, "days", days);
    }

    private Response registered(HttpApi as, Map<String, Object> body) {
        Response response = as.post("/dispensing-records", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response;
    }

    private IssuedPrescription issuedBy(String institution, String drugCode, int days) {
        return issued(issueFor(patient, institution, drugCode, days));
    }

    @Test
    void aPaperDispensingRaisesAnAlertAgainstAnElectronicPrescription() {
        String hospital = unique("HOSP");
        IssuedPrescription electronic = issuedBy(hospital, AMLODIPINE_BRAND, 28);

        Response registered = registered(asPharmacy(), record(AMLODIPINE_GENERIC, 28));

        JsonNode body = registered.body();
        String recordId = body.path("recordId").asText();
        assertThat(registered.location()).endsWith("/api/v1/dispensing-records/" + recordId);
        assertThat(body.path("dispensedOn").asText()).isEqualTo(clock.today().toString());
        assertThat(body.path("registeredBy").path("role").asText()).isEqualTo("PHARMACIST");
        assertThat(body.path("registeredBy").path("organisationId").asText()).isEqualTo(pharmacy);
        assertThat(body.path("status").asText()).isEqualTo("REGISTERED");
        assertThat(body.path("items").get(0).path("itemNumber").asInt()).isEqualTo(1);
        assertThat(body.path("items").get(0).path("drugName").asText()).containsIgnoringCase("amlodipine");
        assertThat(body.path("alertCheck").path("performed").asBoolean()).isTrue();
        assertThat(body.path("alertCheck").path("catalogueVersion").asText()).startsWith("sha256:");
        JsonNode alert = onlyAlert(body);
        assertThat(alert.path("type").asText()).isEqualTo("SAME_INGREDIENT");
        assertThat(alert.path("dispensingRecordId").asText()).isEqualTo(recordId);
        assertThat(alert.has("prescriptionId")).isTrue();
        assertThat(alert.path("prescriptionId").isNull()).isTrue();
        JsonNode conflict = alert.path("conflicts").get(0);
        assertThat(conflict.path("drugCode").asText()).isEqualTo(AMLODIPINE_BRAND);
        assertThat(conflict.has("prescriptionId")).as("another institution's course, without consent").isFalse();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            List<JsonNode> shown = alertsOf(electronic.id(), hospital);
            assertThat(shown).as("the electronic prescription shows the alert the paper dispensing raised")
                    .singleElement().satisfies(onIt -> {
                        assertThat(onIt.path("alertId").asText()).isEqualTo(alert.path("alertId").asText());
                        assertThat(onIt.has("dispensingRecordId")).as("the pharmacy's side, without consent")
                                .isFalse();
                        assertThat(onIt.has("registeredBy")).isFalse();
                        assertThat(onIt.path("conflicts").get(0).path("prescriptionId").asText())
                                .isEqualTo(electronic.id());
                    });
        });
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                asPharmacy().get("/patients/" + patient + "/alerts").body().path("alerts"))
                .as("the registering pharmacy sees the alerts of its record").hasSize(1));
    }

    @Test
    void anIssueAfterARegisteredDispensingNamesTheRecordOnlyAsPrivacyAllows() {
        String hospital = unique("HOSP");
        Map<String, Object> inHouse = record(AMLODIPINE_BRAND, 28);
        inHouse.remove("prescribingInstitutionId");
        String recordId = registered(asPrescriberOf(hospital), inHouse).body().path("recordId").asText();

        Response sameHospital = api().post("/prescriptions", issueFor(patient, hospital, AMLODIPINE_GENERIC, 14));
        JsonNode own = onlyAlert(sameHospital.body()).path("conflicts").get(0);
        assertThat(own.path("dispensingRecordId").asText()).as("its own institution's in-house dispensing")
                .isEqualTo(recordId);
        assertThat(own.path("registeredBy").path("organisationId").asText()).isEqualTo(hospital);
        assertThat(own.has("prescriptionId")).isFalse();

        Response thirdInstitution = api().post("/prescriptions",
                issueFor(patient, unique("HOSP"), AMLODIPINE_GENERIC, 14));
        JsonNode masked = onlyAlert(thirdInstitution.body()).path("conflicts");
        assertThat(masked).hasSize(2);
        masked.forEach(conflict -> {
            assertThat(conflict.has("dispensingRecordId")).as("without consent: drug and period only").isFalse();
            assertThat(conflict.has("registeredBy")).isFalse();
            assertThat(conflict.has("institutionId")).isFalse();
            assertThat(conflict.path("drugCode").asText()).isNotBlank();
        });

        setConsent(true);
        Response withConsent = api().post("/prescriptions", issueFor(patient, unique("HOSP"), AMLODIPINE_GENERIC, 14));
        List<String> named = new ArrayList<>();
        onlyAlert(withConsent.body()).path("conflicts").forEach(conflict ->
                named.add(conflict.path("dispensingRecordId").asText(null)));
        assertThat(named).contains(recordId);
    }

    @Test
    void anItemTakenAsNeededRunsFourteenDays() {
        Map<String, Object> body = record(AMLODIPINE_BRAND, 3);
        body.put("items", List.of(Map.of("drugCode", LOXOPROFEN_TABLET, "quantity", 10, "days", 3, "asNeeded", true)));

        JsonNode answer = registered(asPharmacy(), body).body();

        assertThat(answer.path("items").get(0).path("asNeeded").asBoolean()).isTrue();
        java.time.LocalDate on = java.time.LocalDate.parse(answer.path("dispensedOn").asText());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(coursesOf(answer.path("recordId").asText(), "current")).singleElement().satisfies(course ->
                        assertThat(course.path("to").asText()).isEqualTo(on.plusDays(13).toString())));
    }

    @Test
    void aPharmacyNamingTheInstitutionOfAnElectronicPrescriptionLearnsNothingOfIt() {
        String hospital = unique("HOSP");
        issuedBy(hospital, AMLODIPINE_BRAND, 28);
        Map<String, Object> body = record(AMLODIPINE_GENERIC, 28);
        body.put("prescribingInstitutionId", hospital);

        JsonNode conflict = onlyAlert(registered(asPharmacy(), body).body()).path("conflicts").get(0);

        assertThat(conflict.has("prescriptionId")).as("the named institution is the pharmacy's word only").isFalse();
        assertThat(conflict.has("institutionId")).isFalse();
        assertThat(conflict.path("drugCode").asText()).isEqualTo(AMLODIPINE_BRAND);
    }

    @Test
    void theRecordsCoursesAreInTheMedicationList() {
        Map<String, Object> body = record(AMLODIPINE_BRAND, 28);
        body.put("items", List.of(item(AMLODIPINE_BRAND, 28), item(METFORMIN, 14)));
        String recordId = registered(asPharmacy(), body).body().path("recordId").asText();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            List<JsonNode> courses = coursesOf(recordId, "current");
            assertThat(courses).hasSize(2);
            JsonNode metformin = courses.stream().filter(c -> c.path("drugCode").asText().equals(METFORMIN))
                    .findFirst().orElseThrow();
            assertThat(metformin.path("lineNumber").asInt()).isEqualTo(2);
            assertThat(metformin.path("status").asText()).isEqualTo("DISPENSED");
            assertThat(metformin.path("from").asText()).isEqualTo(clock.today().toString());
            assertThat(metformin.path("to").asText()).isEqualTo(clock.today().plusDays(13).toString());
            assertThat(metformin.path("drugName").asText()).containsIgnoringCase("metformin");
            assertThat(metformin.path("institutionId").asText()).isEqualTo(paperIssuer);
            assertThat(metformin.path("registeredBy").path("organisationId").asText()).isEqualTo(pharmacy);
        });
        JsonNode asRegistrant = asPharmacy().get("/patients/" + patient + "/medications").body();
        assertThat(asRegistrant.path("sharingAllowed").asBoolean()).isFalse();
        assertThat(asRegistrant.path("current")).as("without consent, the pharmacy still sees what it registered")
                .hasSize(2);
        Response asStranger = api().as(Identity.pharmacist(unique("PH"))).get("/patients/" + patient
                + "/medications");
        assertThat(asStranger.status()).as("nor is another pharmacy a provider of the patient").isEqualTo(403);
    }

    @Test
    void aSameDayCorrectionReplacesTheCoursesAndTheAlerts() {
        String hospital = unique("HOSP");
        IssuedPrescription electronic = issuedBy(hospital, AMLODIPINE_BRAND, 28);
        Response registered = registered(asPharmacy(), record(AMLODIPINE_GENERIC, 28));
        String recordId = registered.body().path("recordId").asText();
        String firstAlert = onlyAlert(registered.body()).path("alertId").asText();

        Response corrected = asPharmacy().post("/dispensing-records/" + recordId + "/correct",
                Map.of("reason", "wrong drug entered", "items", List.of(item(METFORMIN, 14))));

        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
        assertThat(corrected.body().path("status").asText()).isEqualTo("CORRECTED");
        assertThat(corrected.body().path("revision").asInt()).isEqualTo(2);
        assertThat(corrected.body().path("items").get(0).path("drugCode").asText()).isEqualTo(METFORMIN);
        assertThat(corrected.body().path("alerts")).as("metformin conflicts with nothing").isEmpty();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(coursesOf(recordId, "current")).extracting(c -> c.path("drugCode").asText())
                    .containsExactly(METFORMIN);
            assertThat(coursesOf(recordId, "past")).extracting(c -> c.path("status").asText())
                    .containsExactly("STOPPED");
            assertThat(patientAlert(firstAlert).path("status").asText()).isEqualTo("RESOLVED");
            assertThat(alertsOf(electronic.id(), hospital)).singleElement()
                    .satisfies(alert -> assertThat(alert.path("status").asText()).isEqualTo("RESOLVED"));
        });

        Response backToAmlodipine = asPharmacy().post("/dispensing-records/" + recordId + "/correct",
                Map.of("reason", "it was amlodipine after all", "items", List.of(item(AMLODIPINE_GENERIC, 14))));
        JsonNode again = onlyAlert(backToAmlodipine.body());
        assertThat(again.path("alertId").asText()).as("an alert of the record's third revision").isNotEqualTo(firstAlert);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(alertsOf(electronic.id(), hospital)).extracting(alert -> alert.path("status").asText())
                        .containsExactlyInAnyOrder("RESOLVED", "OPEN"));
    }

    @Test
    void aSameDayWithdrawalStopsTheCoursesAndResolvesTheAlerts() {
        String hospital = unique("HOSP");
        IssuedPrescription electronic = issuedBy(hospital, AMLODIPINE_BRAND, 28);
        String recordId = registered(asPharmacy(), record(AMLODIPINE_GENERIC, 28)).body().path("recordId").asText();
        await().atMost(Duration.ofSeconds(5)).until(() ->
                asPharmacy().get("/patients/" + patient + "/alerts").status() == 200);

        Response withdrawn = asPharmacy().post("/dispensing-records/" + recordId + "/correct",
                Map.of("reason", "registered for the wrong patient"));

        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
        assertThat(withdrawn.body().path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.body().path("items")).isEmpty();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(coursesOf(recordId, "current")).isEmpty();
            assertThat(coursesOf(recordId, "past")).extracting(c -> c.path("status").asText())
                    .containsExactly("STOPPED");
            assertThat(alertsOf(electronic.id(), hospital)).singleElement()
                    .satisfies(alert -> assertThat(alert.path("status").asText()).isEqualTo("RESOLVED"));
            assertThat(asPharmacy().get("/patients/" + patient + "/alerts").status())
                    .as("a withdrawn registration no longer makes the pharmacy a provider of the patient")
                    .isEqualTo(403);
        });
        Response issuedAfter = api().post("/prescriptions", issueFor(patient, unique("HOSP"), AMLODIPINE_BRAND, 7));
        assertThat(onlyAlert(issuedAfter.body()).path("conflicts")).as("only the electronic course counts now")
                .hasSize(1);

        Response again = asPharmacy().post("/dispensing-records/" + recordId + "/correct",
                Map.of("reason", "twice"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("type")).isEqualTo("/problems/record-withdrawn");
    }

    @Test
    void theLocationOfARegistrationIsTheRecordAsItIsNow() {
        Response registered = registered(asPharmacy(), record(AMLODIPINE_BRAND, 28));
        String recordId = registered.body().path("recordId").asText();
        String location = registered.location().substring(registered.location().indexOf("/dispensing-records/"));

        Response read = asPharmacy().get(location);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.body().path("recordId").asText()).isEqualTo(recordId);
        assertThat(read.body().path("items")).isEqualTo(registered.body().path("items"));
        assertThat(api().as(Identity.patient(patient)).get(location).status()).isEqualTo(200);
        assertThat(api().as(Identity.pharmacist(unique("PH"))).get(location).status()).isEqualTo(403);
        Response unknown = asPharmacy().get("/dispensing-records/" + UUID.randomUUID());
        assertThat(unknown.status()).as("an unknown record is not found, for anyone").isEqualTo(404);
        assertThat(unknown.text("type")).isEqualTo("/problems/not-found");
        assertThat(api().as(Identity.patient(patient)).get("/dispensing-records/" + UUID.randomUUID()).status())
                .isEqualTo(404);
        assertThat(api().as(Identity.auditor()).get("/dispensing-records/" + UUID.randomUUID()).status())
                .isEqualTo(404);

        asPharmacy().post(location + "/correct", Map.of("reason", "registered for the wrong patient"));
        assertThat(asPharmacy().get(location).body().path("status").asText()).isEqualTo("WITHDRAWN");
    }

    @Test
    void theAccessLogEntryOfARegistrationIsStoredWithItsEvents() {
        String recordId = registered(asPharmacy(), record(AMLODIPINE_BRAND, 28)).body().path("recordId").asText();

        String logged = jdbc.sql("select xmin::text from patient_access_log where patient_id = ? and what = ?")
                .params(patient, "dispensing record " + recordId).query(String.class).single();
        List<String> stored = jdbc.sql("select distinct xmin::text from domainevententry where aggregateidentifier = ?")
                .param(DispensingRecordId.of(recordId).toString()).query(String.class).list();
        assertThat(stored).as("one transaction: the registration's events and the read its answer shows")
                .containsExactly(logged);
    }

    @Test
    void onlyTheRegisteringPartyCorrectsAndOnlyOnTheDayOfTheDispensing() {
        String recordId = registered(asPharmacy(), record(AMLODIPINE_BRAND, 28)).body().path("recordId").asText();
        Map<String, Object> correction = Map.of("reason", "wrong quantity", "items", List.of(item(AMLODIPINE_BRAND, 14)));

        assertThat(api().as(Identity.pharmacist(unique("PH"))).post("/dispensing-records/" + recordId + "/correct",
                correction).status()).as("another pharmacy").isEqualTo(403);
        assertThat(asPrescriberOf(paperIssuer).post("/dispensing-records/" + recordId + "/correct", correction)
                .status()).as("the prescribing institution did not register it").isEqualTo(403);
        assertThat(asPharmacy().post("/dispensing-records/" + UUID.randomUUID() + "/correct", correction).status())
                .as("an unknown record is not found").isEqualTo(404);

        clock.advance(Duration.ofDays(1));
        Response nextDay = asPharmacy().post("/dispensing-records/" + recordId + "/correct", correction);

        assertThat(nextDay.status()).as(nextDay.toString()).isEqualTo(409);
        assertThat(nextDay.text("type")).isEqualTo("/problems/record-correction-closed");
        assertThat(nextDay.contentType()).startsWith("application/problem+json");
    }

    @Test
    void unknownDrugsAndMalformedBodiesAreRefused() {
        Response unknown = asPharmacy().post("/dispensing-records", record("9999999X9999", 7));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(422);
        assertThat(unknown.text("type")).isEqualTo("/problems/unknown-drug");

        Map<String, Object> noItems = record(AMLODIPINE_BRAND, 7);
        noItems.put("items", List.of());
        assertThat(asPharmacy().post("/dispensing-records", noItems).status()).isEqualTo(422);

        Map<String, Object> noPatient = record(AMLODIPINE_BRAND, 7);
        noPatient.remove("patient");
        assertThat(asPharmacy().post("/dispensing-records", noPatient).status()).isEqualTo(400);
        assertThat(asPharmacy().post("/dispensing-records", "{\"patient\": ").status()).isEqualTo(400);
        Map<String, Object> unknownField = record(AMLODIPINE_BRAND, 7);
        unknownField.put("prescriptionId", UUID.randomUUID().toString());
        assertThat(asPharmacy().post("/dispensing-records", unknownField).status()).isEqualTo(400);
    }

    @Test
    void aRetryWithTheSameRecordIdOrIdempotencyKeyRegistersOnce() {
        issuedBy(unique("HOSP"), AMLODIPINE_BRAND, 28);
        Map<String, Object> body = record(AMLODIPINE_GENERIC, 28);
        String recordId = UUID.randomUUID().toString();
        body.put("recordId", recordId);

        Response first = registered(asPharmacy(), body);
        Response retried = asPharmacy().post("/dispensing-records", body);

        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.body().path("recordId").asText()).isEqualTo(recordId);
        assertThat(retried.body().path("alerts")).isEqualTo(first.body().path("alerts"));
        assertThat(eventsOf(recordId)).isEqualTo(2);
        body.put("items", List.of(item(AMLODIPINE_GENERIC, 14)));
        Response different = asPharmacy().post("/dispensing-records", body);
        assertThat(different.status()).isEqualTo(409);
        assertThat(different.text("type")).isEqualTo("/problems/different-record-under-same-id");

        Map<String, Object> keyed = record(METFORMIN, 14);
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        Response once = asPharmacy().post("/dispensing-records", keyed, key);
        Response twice = asPharmacy().post("/dispensing-records", keyed, key);
        assertThat(once.status()).isEqualTo(201);
        assertThat(twice.status()).isEqualTo(201);
        assertThat(twice.body().path("recordId").asText()).isEqualTo(once.body().path("recordId").asText());
        assertThat(eventsOf(once.body().path("recordId").asText())).isEqualTo(2);
    }

    @Test
    void theAlertProjectionRebuildsRegisteredDispensingsExactly() {
        String hospital = unique("HOSP");
        issuedBy(hospital, AMLODIPINE_BRAND, 28);
        String corrected = registered(asPharmacy(), record(AMLODIPINE_GENERIC, 28)).body().path("recordId").asText();
        asPharmacy().post("/dispensing-records/" + corrected + "/correct",
                Map.of("reason", "fewer days", "items", List.of(item(AMLODIPINE_GENERIC, 7), item(METFORMIN, 7))));
        String withdrawn = registered(asPrescriberOf(hospital), record(AMLODIPINE_BRAND, 14)).body()
                .path("recordId").asText();
        asPrescriberOf(hospital).post("/dispensing-records/" + withdrawn + "/correct", Map.of("reason", "not given"));
        issuedBy(unique("HOSP"), AMLODIPINE_GENERIC, 14);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (JsonNode projection : api().get("/admin/projections").body().path("projections")) {
                assertThat(projection.path("lag").asLong()).isZero();
            }
        });
        for (String projection : List.of("medication-alerts", "prescription-view")) {
            Response verified = api().post("/admin/projections/" + projection + "/verify", Map.of());
            assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
            assertThat(verified.body().path("differences").asLong()).as(verified.toString()).isZero();
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private static JsonNode onlyAlert(JsonNode answer) {
        assertThat(answer.path("alerts")).as(answer.toString()).hasSize(1);
        return answer.path("alerts").get(0);
    }

    /** The prescription's alerts as its own institution sees them. */
    private List<JsonNode> alertsOf(String prescriptionId, String institution) {
        List<JsonNode> alerts = new ArrayList<>();
        asPrescriberOf(institution).get("/prescriptions/" + prescriptionId).body().path("alerts").forEach(alerts::add);
        return alerts;
    }

    private JsonNode patientAlert(String alertId) {
        for (JsonNode alert : api().get("/patients/" + patient + "/alerts").body().path("alerts")) {
            if (alert.path("alertId").asText().equals(alertId)) {
                return alert;
            }
        }
        throw new AssertionError("no alert " + alertId + " of " + patient);
    }

    /** The record's courses in the patient's own medication list, "current" or "past". */
    private List<JsonNode> coursesOf(String recordId, String part) {
        List<JsonNode> courses = new ArrayList<>();
        api().get("/patients/" + patient + "/medications").body().path(part).forEach(course -> {
            if (course.path("dispensingRecordId").asText().equals(recordId)) {
                courses.add(course);
            }
        });
        return courses;
    }

    private long eventsOf(String recordId) {
        return jdbc.sql("select count(*) from domainevententry where aggregateidentifier = :id")
                .param("id", "dispensing-record:" + recordId).query(Long.class).single();
    }

    private void setConsent(boolean sharingAllowed) {
        Response response = api().put("/patients/" + patient + "/consent", Map.of("sharingAllowed", sharingAllowed));
        assertThat(response.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> api().get("/patients/" + patient + "/medications").body()
                .path("sharingAllowed").asBoolean() == sharingAllowed);
    }
}

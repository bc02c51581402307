package org.eprescription.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IssuedPrescription;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.unique;

/** Patients see who read their data, and decide whether providers see what other institutions prescribed. */
class PrivacyIT extends ExchangeIntegrationTest {

    /** The institution and the pharmacy of each test, new for each. */
    private final String institution = unique("HOSP");
    private final String pharmacy = unique("PH");

    @Test
    void everyReadByAnotherIsInThePatientsAccessLogAndThePatientsOwnReadsAreNot() {
        Map<String, Object> body = issue(institution);
        IssuedPrescription rx = issuedAndAccepted(body, pharmacy);
        String patient = patientOf(body);

        api().as(Identity.prescriber("DOC-5", institution)).get(rx.path());
        api().as(Identity.pharmacist(pharmacy)).get("/patients/" + patient + "/medications");
        api().as(Identity.auditor()).get("/audit" + rx.path() + "/events");
        api().as(Identity.patient(patient)).get(rx.path());
        api().as(Identity.patient(patient)).get("/patients/" + patient + "/alerts");

        JsonNode log = accessLogOf(patient);
        List<String> entries = entriesOf(log);
        assertThat(entries).contains(
                "PRESCRIBER DOC-5 " + institution + " prescription " + rx.id(),
                "PHARMACIST RPH-" + pharmacy + " " + pharmacy + " medications",
                "AUDITOR AUD-1 - history of prescription " + rx.id());
        assertThat(entries).noneMatch(entry -> entry.startsWith("PATIENT"));
        assertThat(log.path("entries").get(0).path("accessedAt").asText()).isNotBlank();
    }

    @Test
    void aTokenActingForAnInstitutionAndAPharmacyIsLoggedUnderBoth() {
        Map<String, Object> body = issue(unique("HOSP"));
        IssuedPrescription rx = issuedAndAccepted(body, pharmacy);
        String patient = patientOf(body);
        Identity both = new Identity("STAFF-1", List.of("PRESCRIBER", "PHARMACIST"), institution, pharmacy, null);

        Response read = api().as(both).get(rx.path());

        assertThat(read.status()).as("the pharmacy holds it: " + read).isEqualTo(200);
        assertThat(entriesOf(accessLogOf(patient))).as("the institution had nothing to do with it; the pharmacy did")
                .contains("PRESCRIBER STAFF-1 " + institution + " prescription " + rx.id(),
                        "PHARMACIST STAFF-1 " + pharmacy + " prescription " + rx.id());
    }

    @Test
    void acceptingIsInThePatientsAccessLogAsAReadByThatPharmacy() {
        Map<String, Object> body = issue(unique("HOSP"));
        IssuedPrescription rx = issued(body);
        String patient = patientOf(body);

        Response accepted = api().as(Identity.pharmacist(pharmacy)).post("/prescriptions/accept",
                accept(rx.exchangeCode(), BIRTH_DATE, pharmacy));

        assertThat(accepted.status()).isEqualTo(200);
        assertThat(entriesOf(accessLogOf(patient))).contains("PHARMACIST RPH-" + pharmacy + " " + pharmacy
                + " accept of prescription " + rx.id());
    }

    @Test
    void theChecksOfAnIssueAndADispensingAreInThePatientsAccessLog() {
        Map<String, Object> body = issue(institution);
        IssuedPrescription rx = issuedAndAccepted(body, pharmacy);
        String patient = patientOf(body);

        Response dispensed = api().as(Identity.pharmacist(pharmacy)).post(rx.path() + "/dispense",
                dispense(pharmacy, true, item(1, AMLODIPINE_BRAND, 28, 28)));

        assertThat(dispensed.status()).as(dispensed.toString()).isEqualTo(200);
        List<String> entries = entriesOf(accessLogOf(patient));
        assertThat(entries).anyMatch(entry -> entry.startsWith("PRESCRIBER ")
                && entry.endsWith(" " + institution + " interaction check (issue) of prescription " + rx.id()));
        assertThat(entries).contains("PHARMACIST RPH-" + pharmacy + " " + pharmacy
                + " interaction check (dispensing) of prescription " + rx.id());
    }

    @Test
    void aRefusedReadShowsNothingAndIsNotInTheAccessLog() {
        String patient = unique("PAT");

        Response unknownDrug = api().as(Identity.prescriber("DOC-" + institution, institution)).post(
                "/duplicate-checks", Map.of("patientId", patient,
                        "lines", List.of(Map.of("drugCode", "NO-SUCH-DRUG", "days", 7))));
        Response noSuchCode = api().as(Identity.auditor()).get(
                "/patients/" + patient + "/prescriptions/" + java.util.UUID.randomUUID() + "/qr-code");

        assertThat(unknownDrug.status()).as(unknownDrug.toString()).isEqualTo(422);
        assertThat(noSuchCode.status()).as(noSuchCode.toString()).isEqualTo(404);
        assertThat(entriesOf(accessLogOf(patient))).isEmpty();
    }

    private IssuedPrescription issuedAndAccepted(Map<String, Object> body, String pharmacy) {
        IssuedPrescription rx = issued(body);
        api().as(Identity.pharmacist(pharmacy)).post("/prescriptions/accept",
                accept(rx.exchangeCode(), BIRTH_DATE, pharmacy));
        return rx;
    }

    private JsonNode accessLogOf(String patient) {
        return api().as(Identity.patient(patient)).get("/patients/" + patient + "/access-log").body();
    }

    private static List<String> entriesOf(JsonNode log) {
        List<String> entries = new ArrayList<>();
        log.path("entries").forEach(entry -> entries.add(entry.path("role").asText() + " "
                + entry.path("accessorId").asText() + " " + entry.path("organisationId").asText("-") + " "
                + entry.path("what").asText()));
        return entries;
    }

    @Test
    void withoutConsentAProviderSeesOnlyWhatItsOwnInstitutionPrescribed() {
        String hospitalA = unique("HOSP");
        String hospitalB = unique("HOSP");
        Map<String, Object> first = issue(hospitalA);
        issued(first);
        String patient = patientOf(first);
        Map<String, Object> second = issue(hospitalB);
        second.put("patient", first.get("patient"));
        issued(second);
        Identity prescriberB = Identity.prescriber("DOC-B", hospitalB);

        JsonNode withheld = api().as(prescriberB).get("/patients/" + patient + "/medications").body();
        assertThat(institutionsOf(withheld)).containsOnly(hospitalB);
        assertThat(withheld.path("sharingAllowed").asBoolean()).isFalse();
        assertThat(institutionsOf(api().as(Identity.patient(patient)).get("/patients/" + patient + "/medications")
                .body())).containsExactlyInAnyOrder(hospitalA, hospitalB);

        assertThat(api().as(Identity.patient(patient)).put("/patients/" + patient + "/consent",
                Map.of("sharingAllowed", true)).status()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(institutionsOf(api().as(prescriberB).get("/patients/" + patient + "/medications").body()))
                        .containsExactlyInAnyOrder(hospitalA, hospitalB));
    }

    @Test
    void aPatientMaySetOnlyTheirOwnConsent() {
        Map<String, Object> body = issue(unique("HOSP"));
        issued(body);
        String patient = patientOf(body);

        assertThat(api().as(Identity.patient(unique("PAT"))).put("/patients/" + patient + "/consent",
                Map.of("sharingAllowed", true)).status()).isEqualTo(403);
    }

    private static List<String> institutionsOf(JsonNode medications) {
        List<String> institutions = new ArrayList<>();
        medications.path("current").forEach(course -> institutions.add(course.path("institutionId").asText()));
        medications.path("past").forEach(course -> institutions.add(course.path("institutionId").asText()));
        return institutions;
    }

    @SuppressWarnings("unchecked")
    private static String patientOf(Map<String, Object> body) {
        return ((Map<String, Object>) body.get("patient")).get("id").toString();
    }
}

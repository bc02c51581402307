package org.eprescription.api.fhir;

import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IssuedPrescription;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.fhir.FhirBundles.searchset;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_GENERIC;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * docs/fhir.md, "Searches": {@code GET /fhir/MedicationDispense?prescription=}, the prescription's dispensings as
 * {@code GET /api/v1/prescriptions/{id}} shows them, for the same readers.
 */
class FhirMedicationDispenseSearchIT extends ExchangeIntegrationTest {

    private final String pharmacy = unique("PH");
    private final Identity pharmacist = Identity.pharmacist(pharmacy);
    private final String institution = unique("HOSP");

    @Test
    void everyItemOfEveryDispensingAsTheJsonApiShowsIt() {
        IssuedPrescription prescription = acceptedBy(pharmacy, issue(institution));
        dispensed(prescription, false, item(1, AMLODIPINE_BRAND, 10, 10));
        dispensed(prescription, true, item(1, AMLODIPINE_GENERIC, 18, 18));
        Identity prescriber = Identity.prescriber(prescriberOf(prescription), institution);

        for (Identity reader : List.of(pharmacist, prescriber, Identity.auditor())) {
            List<MedicationDispense> dispenses = dispenses(search("prescription=" + prescription.id(), reader));
            Response json = api().as(reader).get(prescription.path());
            assertThat(json.status()).as(json.toString()).isEqualTo(200);
            List<String> items = new ArrayList<>();
            json.body().path("dispensings").forEach(dispensing -> dispensing.path("items").forEach(item ->
                    items.add(item.path("drugCode").asText() + " " + item.path("quantity").asInt())));
            assertThat(dispenses).extracting(dispense -> dispense.getMedicationCodeableConcept().getCodingFirstRep()
                    .getCode() + " " + dispense.getQuantity().getValue().intValue())
                    .containsExactlyElementsOf(items)
                    .containsExactly(AMLODIPINE_BRAND + " 10", AMLODIPINE_GENERIC + " 18");
            assertThat(dispenses).allSatisfy(dispense -> {
                assertThat(dispense.getStatus()).isEqualTo(MedicationDispense.MedicationDispenseStatus.COMPLETED);
                assertThat(dispense.getAuthorizingPrescriptionFirstRep().getIdentifier().getValue())
                        .isEqualTo(prescription.id() + "/1");
            });
            assertThat(dispenses.get(1).getSubstitution().getWasSubstituted()).isTrue();
        }
        assertThat(dispenses(search("prescription=Task/" + prescription.id(), pharmacist))).hasSize(2);
        assertThat(dispenses(search("prescription=" + acceptedBy(pharmacy).id(), pharmacist))).isEmpty();

        String patient = patientOf(prescription);
        Response log = api().as(Identity.patient(patient)).get("/patients/" + patient + "/access-log");
        assertThat(log.status()).as(log.toString()).isEqualTo(200);
        assertThat(log.body().toString()).contains("prescription " + prescription.id())
                .contains(prescriber.subject());
    }

    @Test
    void aCallerWhoMayNotReadThePrescriptionIsRefusedAsByTheJsonApi() {
        IssuedPrescription prescription = acceptedBy(pharmacy, issue(institution));

        for (Identity other : List.of(Identity.pharmacist(unique("PH")), Identity.prescriber("DOC-X", unique("HOSP")),
                Identity.patient(unique("PAT")))) {
            FhirHttp.Answer refused = search("prescription=" + prescription.id(), other);
            assertThat(api().as(other).get(prescription.path()).status()).isEqualTo(403);
            refused.assertOutcome(403, OperationOutcome.IssueType.FORBIDDEN);
        }
        String unknown = UUID.randomUUID().toString();
        for (Identity anyone : List.of(pharmacist, Identity.patient(unique("PAT")), Identity.auditor())) {
            FhirHttp.Answer notFound = search("prescription=" + unknown, anyone);
            assertThat(notFound.status())
                    .isEqualTo(api().as(anyone).get("/prescriptions/" + unknown).status()).isEqualTo(404);
            notFound.assertOutcome(404, OperationOutcome.IssueType.NOTFOUND);
        }
        assertThat(search("prescription=" + unknown, Identity.serviceDesk()).status())
                .as("a role that reads no prescription").isEqualTo(403);
    }

    @Test
    void thePrescriptionIsRequiredAndNoOtherParameterIsTaken() {
        String id = UUID.randomUUID().toString();
        for (String query : List.of("", "prescription=not-an-id", "status=completed",
                "prescription=" + id + "&status=completed")) {
            FhirHttp.Answer answer = search(query, pharmacist);
            assertThat(answer.status()).as(query + ": " + answer).isEqualTo(400);
            assertThat(answer.as(OperationOutcome.class).getIssueFirstRep().getSeverity())
                    .isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        }
    }

    @SafeVarargs
    private void dispensed(IssuedPrescription prescription, boolean completesUse, Map<String, Object>... items) {
        Response response = api().as(pharmacist).post(prescription.path() + "/dispense",
                dispense(pharmacy, completesUse, items));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private static String patientOf(IssuedPrescription prescription) {
        return ((Map<String, Object>) prescription.body().get("patient")).get("id").toString();
    }

    @SuppressWarnings("unchecked")
    private static String prescriberOf(IssuedPrescription prescription) {
        return ((Map<String, Object>) prescription.body().get("prescriber")).get("id").toString();
    }

    private FhirHttp.Answer search(String query, Identity caller) {
        return new FhirHttp(port).get("/MedicationDispense" + (query.isEmpty() ? "" : "?" + query), caller,
                Map.of());
    }

    private static List<MedicationDispense> dispenses(FhirHttp.Answer answer) {
        return searchset(answer, MedicationDispense.class);
    }
}

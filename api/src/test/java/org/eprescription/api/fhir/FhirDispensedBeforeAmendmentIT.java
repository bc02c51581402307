package org.eprescription.api.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IssuedPrescription;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.fhir.FhirBundles.searchset;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.NIFEDIPINE_CAPSULE;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.line;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * docs/fhir.md, "GET /fhir/MedicationDispense": a dispensing is described against the line as its use was dispensed
 * under, also after a prescriber's answer amended that line for a later use (docs/domain.md, "A query to the
 * prescriber"); the JSON read shows the same.
 */
class FhirDispensedBeforeAmendmentIT extends ExchangeIntegrationTest {

    private final String pharmacy = unique("PH");
    private final Identity pharmacist = Identity.pharmacist(pharmacy);
    private final String institution = unique("HOSP");

    @Test
    void aDispensingOfACompletedUseKeepsItsLineWhenTheLineIsAmendedForTheRefill() {
        Map<String, Object> body = issue(institution);
        body.put("refills", 1);
        IssuedPrescription prescription = acceptedBy(pharmacy, body);
        Response firstUse = dispensing(prescription, pharmacy, true, item(1, AMLODIPINE_BRAND, 28, 28));
        assertThat(firstUse.status()).as(firstUse.toString()).isEqualTo(200);
        clock.advance(Duration.ofDays(28));
        accepted(prescription, pharmacy);

        amendLineOne(prescription, line(1, NIFEDIPINE_CAPSULE, 28, 28));

        List<MedicationDispense> before = dispenses(prescription);
        assertThat(before).singleElement().satisfies(dispense -> {
            assertThat(dispense.getMedicationCodeableConcept().getCodingFirstRep().getCode())
                    .isEqualTo(AMLODIPINE_BRAND);
            assertThat(dispense.getQuantity().getUnit()).as("the unit of the line dispensed against")
                    .isEqualTo("tablet");
            assertThat(dispense.getSubstitution().getWasSubstituted())
                    .as("the prescribed amlodipine was handed out, no substitute of the later nifedipine").isFalse();
            assertThat(dispense.getSubstitution().hasType()).isFalse();
            assertThat(dispense.getDosageInstructionFirstRep().getText())
                    .isEqualTo("1 tablet once daily after breakfast");
        });
        JsonNode dispensing = api().get(prescription.path()).body().path("dispensings").get(0);
        assertThat(dispensing.path("items").get(0).path("drugCode").asText()).isEqualTo(AMLODIPINE_BRAND);
        assertThat(dispensing.path("linesOfUse")).as(dispensing.toString()).singleElement()
                .satisfies(line -> {
                    assertThat(line.path("drugCode").asText()).isEqualTo(AMLODIPINE_BRAND);
                    assertThat(line.path("unit").asText()).isEqualTo("tablet");
                });

        Response refill = dispensing(prescription, pharmacy, true, item(1, NIFEDIPINE_CAPSULE, 28, 28));
        assertThat(refill.status()).as(refill.toString()).isEqualTo(200);
        List<MedicationDispense> after = dispenses(prescription);
        assertThat(after).hasSize(2);
        assertThat(after.get(0).getSubstitution().getWasSubstituted()).isFalse();
        assertThat(after.get(0).getQuantity().getUnit()).isEqualTo("tablet");
        assertThat(after.get(1).getMedicationCodeableConcept().getCodingFirstRep().getCode())
                .isEqualTo(NIFEDIPINE_CAPSULE);
        assertThat(after.get(1).getSubstitution().getWasSubstituted()).isFalse();
        assertThat(after.get(1).getQuantity().getUnit()).isEqualTo("capsule");
        assertThat(api().get(prescription.path()).body().path("dispensings").get(1).has("linesOfUse"))
                .as("a dispensing under the prescription's lines as they are names none of its own").isFalse();
        projectionsVerifyWithoutDifferences();
    }

    private void amendLineOne(IssuedPrescription prescription, Map<String, Object> proposed) {
        Response asked = api().post(prescription.path() + "/queries", Map.of(
                "question", "the patient does not tolerate amlodipine: nifedipine instead?", "pharmacyId", pharmacy,
                "proposedLines", List.of(proposed)));
        assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
        Response answered = api().post(prescription.path() + "/queries/" + asked.text("queryId") + "/answer",
                Map.of("answer", "yes, nifedipine from now on", "acceptChange", true),
                prescriberHeaders(prescription.institutionId()));
        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
    }

    private List<MedicationDispense> dispenses(IssuedPrescription prescription) {
        return searchset(new FhirHttp(port).get("/MedicationDispense?prescription=" + prescription.id(), pharmacist,
                Map.of()), MedicationDispense.class);
    }
}

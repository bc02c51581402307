package org.eprescription.api.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.eprescription.api.fhir.FhirBundles.all;
import static org.eprescription.api.fhir.FhirBundles.only;
import static org.eprescription.api.fhir.IssueBundles.SID;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_GENERIC;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.NIFEDIPINE_CAPSULE;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * docs/fhir.md, "The Task": a prescription's whole way driven only through {@code /fhir}, every answer parsed strictly
 * and validated, and the JSON API showing the same prescription.
 */
class FhirTaskLifecycleIT extends ExchangeIntegrationTest {

    private final String institution = unique("HOSP");
    private final Identity prescriber = Identity.prescriber("DOC-" + institution, institution);
    private final String pharmacy = unique("PH");
    private final Identity pharmacist = Identity.pharmacist(pharmacy);

    @Test
    void createAcceptDispenseAGenericThenCloseAndTheJsonApiAgrees() {
        FhirTasks fhir = new FhirTasks(port);
        FhirTasks.Created created = fhir.create(new IssueBundles(unique("PAT"), BIRTH_DATE, "DOC-" + institution,
                institution).line(AMLODIPINE_BRAND, 28, 28, 0).line(NIFEDIPINE_CAPSULE, 14, 14, 0), prescriber);
        assertThat(created.lines()).extracting(line -> line.getSystem() + "|" + line.getValue()).containsExactly(
                SID + "prescription-line|" + created.id() + "/1", SID + "prescription-line|" + created.id() + "/2");

        FhirHttp.Answer accepted = fhir.accept(created.exchangeCode(), BIRTH_DATE, pharmacist);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        Bundle acceptedBundle = accepted.as(Bundle.class);
        Task held = only(acceptedBundle, Task.class);
        assertThat(FhirBundles.identifier(held.getIdentifier(), SID + "prescription-id")).isEqualTo(created.id());
        assertThat(held.getStatus()).isEqualTo(Task.TaskStatus.INPROGRESS);
        assertThat(held.getOwner().getIdentifier().getSystem()).isEqualTo(SID + "pharmacy-id");
        assertThat(held.getOwner().getIdentifier().getValue()).isEqualTo(pharmacy);
        assertThat(held.getIdentifier()).as("the exchange code is shown to the issuer only")
                .noneMatch(identifier -> identifier.getSystem().endsWith("exchange-code"));
        assertThat(all(acceptedBundle, MedicationRequest.class)).extracting(
                request -> request.getMedicationCodeableConcept().getCodingFirstRep().getCode())
                .containsExactly(AMLODIPINE_BRAND, NIFEDIPINE_CAPSULE);

        FhirHttp.Answer partial = fhir.operation(created.id(), "dispense", TaskParameters.dispensing()
                .item(created.line(1), AMLODIPINE_GENERIC, 14, 14).completesUse(false), pharmacist);
        assertThat(partial.status()).as(partial.toString()).isEqualTo(200);
        Bundle partialBundle = partial.as(Bundle.class);
        assertThat(only(partialBundle, Task.class).getStatus()).isEqualTo(Task.TaskStatus.INPROGRESS);
        MedicationDispense generic = only(partialBundle, MedicationDispense.class);
        assertThat(generic.getMedicationCodeableConcept().getCodingFirstRep().getCode()).isEqualTo(AMLODIPINE_GENERIC);
        assertThat(generic.getSubstitution().getWasSubstituted()).isTrue();
        assertThat(generic.getQuantity().getValue()).isEqualByComparingTo("14");
        assertThat(generic.getDaysSupply().getValue()).isEqualByComparingTo("14");
        assertThat(generic.getAuthorizingPrescriptionFirstRep().getIdentifier().getValue())
                .isEqualTo(created.line(1).getValue());
        assertThat(generic.getPerformer()).extracting(performer -> performer.getActor().getIdentifier().getValue())
                .containsExactly("RPH-" + pharmacy, pharmacy);

        FhirHttp.Answer closed = fhir.operation(created.id(), "close", TaskParameters.dispensing()
                .item(created.line(1), AMLODIPINE_BRAND, 14, 14).item(created.line(2), NIFEDIPINE_CAPSULE, 14, 14),
                pharmacist);
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        Bundle closedBundle = closed.as(Bundle.class);
        assertThat(only(closedBundle, Task.class).getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
        assertThat(all(closedBundle, MedicationDispense.class)).extracting(
                dispense -> dispense.getMedicationCodeableConcept().getCodingFirstRep().getCode(),
                dispense -> dispense.getSubstitution().getWasSubstituted())
                .containsExactly(tuple(AMLODIPINE_BRAND, false),
                        tuple(NIFEDIPINE_CAPSULE, false));

        Task task = fhir.read(created.id(), prescriber);
        assertThat(task.getIdPart()).isEqualTo(created.id());
        Response json = api().as(prescriber).get("/prescriptions/" + created.id());
        assertThat(json.status()).as(json.toString()).isEqualTo(200);
        assertThat(json.text("status")).isEqualTo("COMPLETED");
        assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
        assertThat(task.getBusinessStatus().getCodingFirstRep().getCode()).isEqualTo(json.text("status"));
        assertThat(task.getMeta().getVersionId()).isEqualTo(json.body().path("version").asText());
        assertThat(task.hasOwner() ? task.getOwner().getIdentifier().getValue() : null)
                .isEqualTo(json.body().path("pharmacyId").isMissingNode() || json.body().path("pharmacyId").isNull()
                        ? null : json.text("pharmacyId"));
        assertThat(task.getBasedOn()).extracting(Reference::getIdentifier)
                .extracting(identifier -> identifier.getValue())
                .containsExactly(created.line(1).getValue(), created.line(2).getValue());
        JsonNode dispensings = json.body().path("dispensings");
        assertThat(dispensings).hasSize(2);
        assertThat(dispensings).extracting(dispensing -> dispensing.path("pharmacyId").asText())
                .containsOnly(pharmacy);
        assertThat(dispensings).extracting(dispensing -> dispensing.path("completesUse").asBoolean())
                .containsExactly(false, true);
        List<String> jsonItems = new ArrayList<>();
        dispensings.forEach(dispensing -> dispensing.path("items").forEach(item -> jsonItems.add(
                item.path("lineNumber").asInt() + ":" + item.path("drugCode").asText() + ":"
                        + item.path("quantity").decimalValue().intValue() + ":" + item.path("days").asInt())));
        assertThat(jsonItems).containsExactly("1:" + AMLODIPINE_GENERIC + ":14:14", "1:" + AMLODIPINE_BRAND + ":14:14",
                "2:" + NIFEDIPINE_CAPSULE + ":14:14");
    }
}

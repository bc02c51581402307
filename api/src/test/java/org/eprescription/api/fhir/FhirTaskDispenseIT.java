package org.eprescription.api.fhir;

import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.fhir.FhirBundles.only;
import static org.eprescription.api.fhir.FhirHttp.FHIR_JSON;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.VALSARTAN_AMLODIPINE;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.unique;

/** docs/fhir.md, "Task/{id}/$dispense": the JSON API's dispense, its refusals said as OperationOutcomes. */
class FhirTaskDispenseIT extends ExchangeIntegrationTest {

    private final String pharmacy = unique("PH");
    private final Identity pharmacist = Identity.pharmacist(pharmacy);
    private FhirTasks fhir;
    private FhirTasks.Created created;

    @BeforeEach
    void issuedAndAccepted() {
        fhir = new FhirTasks(port);
        created = fhir.heldBy(pharmacist, AMLODIPINE_BRAND, 28, 28);
    }

    @Test
    void aRuleOfTheExchangeRefusesAsInTheJsonApi() {
        FhirHttp.Answer tooMuch = dispenseThroughFhir(TaskParameters.dispensing().item(created.line(1), AMLODIPINE_BRAND, 29, 28));
        FhirHttp.Answer notEquivalent = dispenseThroughFhir(TaskParameters.dispensing()
                .item(created.line(1), VALSARTAN_AMLODIPINE, 28, 28));
        Response json = api().post("/prescriptions/" + created.id() + "/dispense",
                dispense(pharmacy, true, item(1, VALSARTAN_AMLODIPINE, 28, 28)));

        tooMuch.assertOutcome(422, IssueType.BUSINESSRULE);
        assertThat(notEquivalent.status()).as(notEquivalent.toString()).isEqualTo(json.status()).isEqualTo(422);
        assertThat(notEquivalent.as(OperationOutcome.class).getIssueFirstRep().getDetails().getCodingFirstRep()
                .getCode()).isEqualTo("substitute-not-equivalent")
                .isEqualTo(json.text("refusal").toLowerCase().replace('_', '-'));
    }

    @Test
    void aDrugInAnotherSystemIs422AndABodyOfAnotherShapeIs400() {
        Parameters snomed = TaskParameters.dispensing().item(created.line(1), AMLODIPINE_BRAND, 28, 28).parameters();
        ((MedicationDispense) snomed.getParameterFirstRep().getResource()).getMedicationCodeableConcept()
                .getCodingFirstRep().setSystem("http://snomed.info/sct");
        FhirHttp.Answer foreign = fhir.http().post("/Task/" + created.id() + "/$dispense", snomed, pharmacist);
        assertThat(foreign.assertOutcome(422, IssueType.CODEINVALID).getDiagnostics()).contains("http://snomed.info/sct");

        Parameters patient = new Parameters();
        patient.addParameter().setName("medicationDispense").setResource(new Patient().setActive(true));
        Identifier otherLine = new Identifier().setSystem(created.line(1).getSystem())
                .setValue(UUID.randomUUID() + "/1");
        for (Parameters body : new Parameters[] {patient, new Parameters(),
                TaskParameters.dispensing().item(otherLine, AMLODIPINE_BRAND, 28, 28).parameters()}) {
            FhirHttp.Answer answer = fhir.http().post("/Task/" + created.id() + "/$dispense", body, pharmacist);
            answer.assertOutcome(400, IssueType.STRUCTURE);
        }
        FhirHttp.Answer closeWithFlag = fhir.operation(created.id(), "close", TaskParameters.dispensing()
                .item(created.line(1), AMLODIPINE_BRAND, 28, 28).completesUse(false), pharmacist);
        assertThat(closeWithFlag.status()).as(closeWithFlag.toString()).isEqualTo(400);
        FhirHttp.Answer aBundle = fhir.http().post("/Task/" + created.id() + "/$dispense",
                FhirConformance.json(new Bundle().setType(Bundle.BundleType.COLLECTION)), FHIR_JSON, pharmacist,
                Map.of());
        assertThat(aBundle.status()).as(aBundle.toString()).isEqualTo(400);
        assertThat(api().as(pharmacist).get("/prescriptions/" + created.id()).body().path("dispensings")).isEmpty();
    }

    @Test
    void aQuantityInAnotherUnitThanItsLinesIsRefusedNotCountedAsTheLinesUnit() {
        Parameters boxes = TaskParameters.dispensing().item(created.line(1), AMLODIPINE_BRAND, 2, 28).parameters();
        ((MedicationDispense) boxes.getParameterFirstRep().getResource()).getQuantity().setUnit("box").setCode(null);
        Parameters tablets = TaskParameters.dispensing().item(created.line(1), AMLODIPINE_BRAND, 28, 28)
                .parameters();
        ((MedicationDispense) tablets.getParameterFirstRep().getResource()).getQuantity().setUnit("Tablet");

        Parameters boxesCodedAsTablets = TaskParameters.dispensing().item(created.line(1), AMLODIPINE_BRAND, 2, 28)
                .parameters();
        ((MedicationDispense) boxesCodedAsTablets.getParameterFirstRep().getResource()).getQuantity().setUnit("box")
                .setCode("tablet");

        for (Parameters refusedBody : new Parameters[] {boxes, boxesCodedAsTablets}) {
            FhirHttp.Answer refused = fhir.http().post("/Task/" + created.id() + "/$dispense", refusedBody,
                    pharmacist);
            OperationOutcome.OperationOutcomeIssueComponent issue = refused.assertOutcome(422, IssueType.BUSINESSRULE);
            assertThat(issue.getDiagnostics()).contains("box", "tablet");
            assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("invalid-lines");
        }
        assertThat(api().as(pharmacist).get("/prescriptions/" + created.id()).body().path("dispensings")).isEmpty();
        FhirHttp.Answer inTheLinesUnit = fhir.http().post("/Task/" + created.id() + "/$dispense", tablets,
                pharmacist);
        assertThat(inTheLinesUnit.status()).as(inTheLinesUnit.toString()).isEqualTo(200);
    }

    @Test
    void aModifierExtensionOrAComparatorInADispensingIsRefusedNeverReadPast() {
        Parameters modified = TaskParameters.dispensing().item(created.line(1), AMLODIPINE_BRAND, 28, 28).parameters();
        ((MedicationDispense) modified.getParameterFirstRep().getResource()).addModifierExtension(
                new Extension("http://example.org/fhir/StructureDefinition/not-handed-out", new BooleanType(true)));
        Parameters atMost = TaskParameters.dispensing().item(created.line(1), AMLODIPINE_BRAND, 28, 28).parameters();
        ((MedicationDispense) atMost.getParameterFirstRep().getResource()).getQuantity()
                .setComparator(Quantity.QuantityComparator.LESS_OR_EQUAL);

        for (Parameters body : new Parameters[] {modified, atMost}) {
            FhirHttp.Answer refused = fhir.http().post("/Task/" + created.id() + "/$dispense", body, pharmacist);
            assertThat(refused.assertOutcome(400, IssueType.STRUCTURE).getDiagnostics())
                    .containsAnyOf("not-handed-out", "comparator <=");
        }
        assertThat(api().as(pharmacist).get("/prescriptions/" + created.id()).body().path("dispensings")).isEmpty();
    }

    @Test
    void aDispensingHandedOverOnAnotherDayIsRefusedNotRedated() {
        Parameters yesterday = TaskParameters.dispensing().item(created.line(1), AMLODIPINE_BRAND, 28, 28)
                .parameters();
        ((MedicationDispense) yesterday.getParameterFirstRep().getResource())
                .setWhenHandedOver(java.util.Date.from(clock.instant().minus(java.time.Duration.ofDays(1))));
        Parameters now = TaskParameters.dispensing().item(created.line(1), AMLODIPINE_BRAND, 28, 28).parameters();
        ((MedicationDispense) now.getParameterFirstRep().getResource())
                .setWhenHandedOver(java.util.Date.from(clock.instant()));

        FhirHttp.Answer refused = fhir.http().post("/Task/" + created.id() + "/$dispense", yesterday, pharmacist);
        assertThat(refused.assertOutcome(400, IssueType.STRUCTURE).getDiagnostics()).contains("whenHandedOver");
        assertThat(api().as(pharmacist).get("/prescriptions/" + created.id()).body().path("dispensings")).isEmpty();
        FhirHttp.Answer today = fhir.http().post("/Task/" + created.id() + "/$dispense", now, pharmacist);
        assertThat(today.status()).as(today.toString()).isEqualTo(200);
    }

    @Test
    void onlyTheHoldingPharmacyDispensesAndAPerformerIsTheTokensOrRefused() {
        String otherPharmacy = unique("PH");
        FhirHttp.Answer stranger = fhir.operation(created.id(), "dispense", TaskParameters.dispensing()
                .item(created.line(1), AMLODIPINE_BRAND, 28, 28), Identity.pharmacist(otherPharmacy));
        assertThat(stranger.status()).as(stranger.toString()).isEqualTo(403);

        FhirHttp.Answer namedOther = fhir.operation(created.id(), "dispense", TaskParameters.dispensing()
                .item(created.line(1), AMLODIPINE_BRAND, 28, 28).performedBy(otherPharmacy), pharmacist);
        namedOther.assertOutcome(403, IssueType.FORBIDDEN);

        FhirHttp.Answer namedOwn = fhir.operation(created.id(), "dispense", TaskParameters.dispensing()
                .item(created.line(1), AMLODIPINE_BRAND, 28, 28).performedBy(pharmacy), pharmacist);
        assertThat(namedOwn.status()).as(namedOwn.toString()).isEqualTo(200);
        assertThat(only(namedOwn.as(Bundle.class), Task.class).getStatus())
                .as("every line dispensed in full completes the use").isEqualTo(
                        Task.TaskStatus.COMPLETED);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswerAndDispensesOnce() {
        String body = FhirConformance.json(TaskParameters.dispensing()
                .item(created.line(1), AMLODIPINE_BRAND, 7, 7).parameters());
        Map<String, String> key = Map.of("Idempotency-Key", unique("key"));

        FhirHttp.Answer first = fhir.http().post("/Task/" + created.id() + "/$dispense", body, FHIR_JSON, pharmacist,
                key);
        FhirHttp.Answer retry = fhir.http().post("/Task/" + created.id() + "/$dispense", body, FHIR_JSON, pharmacist,
                key);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(api().as(pharmacist).get("/prescriptions/" + created.id()).body().path("dispensings")).hasSize(1);
    }

    private FhirHttp.Answer dispenseThroughFhir(TaskParameters parameters) {
        return fhir.operation(created.id(), "dispense", parameters, pharmacist);
    }
}

package org.eprescription.api.fhir;

import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.NIFEDIPINE_CAPSULE;
import static org.eprescription.api.support.Prescriptions.NIFEDIPINE_EXTENDED_RELEASE;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * docs/fhir.md, "Task/{id}/$dispense": a substitute's quantity is counted in the substitute's own unit (capsules for
 * a line of tablets), and whether it may go out is the substitution rules' decision, as for the JSON API's dispense.
 */
class FhirSubstituteDispenseIT extends ExchangeIntegrationTest {

    private final String pharmacy = unique("PH");
    private final Identity pharmacist = Identity.pharmacist(pharmacy);
    private FhirTasks fhir;
    private FhirTasks.Created created;

    @BeforeEach
    void aLineOfTabletsIsHeld() {
        fhir = new FhirTasks(port);
        created = fhir.heldBy(pharmacist, NIFEDIPINE_EXTENDED_RELEASE, 28, 28);
    }

    @Test
    void capsulesForALineOfTabletsAreJudgedByTheSubstitutionRulesAsInTheJsonApi() {
        Response json = api().as(pharmacist).post("/prescriptions/" + created.id() + "/dispense",
                dispense(pharmacy, true, item(1, NIFEDIPINE_CAPSULE, 56, 28)));
        FhirHttp.Answer viaFhir = fhir.operation(created.id(), "dispense", TaskParameters.dispensing()
                .item(created.line(1), NIFEDIPINE_CAPSULE, 56, 28).completesUse(true), pharmacist);

        assertThat(json.status()).as(json.toString()).isEqualTo(422);
        OperationOutcome.OperationOutcomeIssueComponent issue = viaFhir.assertOutcome(json.status(),
                IssueType.BUSINESSRULE);
        assertThat(issue.getDetails().getCodingFirstRep().getCode())
                .as("the rules' refusal, not a unit the FHIR door took for the line's: " + viaFhir)
                .isEqualTo(json.text("refusal").toLowerCase().replace('_', '-'))
                .isEqualTo("substitute-other-form");
        assertThat(api().as(pharmacist).get("/prescriptions/" + created.id()).body().path("dispensings")).isEmpty();
    }

    @Test
    void aSubstitutesQuantityInTheLinesUnitInsteadOfItsOwnIsRefusedNotCountedAsItsOwn() {
        Parameters capsulesAsTablets = TaskParameters.dispensing().item(created.line(1), NIFEDIPINE_CAPSULE, 56, 28)
                .parameters();
        ((MedicationDispense) capsulesAsTablets.getParameterFirstRep().getResource()).getQuantity()
                .setUnit("tablet").setCode("tablet");

        FhirHttp.Answer refused = fhir.http().post("/Task/" + created.id() + "/$dispense", capsulesAsTablets,
                pharmacist);

        OperationOutcome.OperationOutcomeIssueComponent issue = refused.assertOutcome(422, IssueType.BUSINESSRULE);
        assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("invalid-lines");
        assertThat(issue.getDiagnostics()).contains("tablet", "capsule");
        assertThat(api().as(pharmacist).get("/prescriptions/" + created.id()).body().path("dispensings")).isEmpty();
    }
}

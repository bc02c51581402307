package org.eprescription.api.fhir;

import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.fhir.FhirBundles.only;
import static org.eprescription.api.fhir.FhirHttp.FHIR_JSON;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.unique;

/** docs/fhir.md, "Task/$accept" and "Task/{id}/$reject": the JSON API's accept and release, refusals included. */
class FhirTaskAcceptIT extends ExchangeIntegrationTest {

    private final String institution = unique("HOSP");
    private final Identity prescriber = Identity.prescriber("DOC-" + institution, institution);
    private final Identity first = Identity.pharmacist(unique("PH"));
    private final Identity second = Identity.pharmacist(unique("PH"));

    @Test
    void aSecondPharmacysAcceptIs409ConflictAndAfterARejectItTakesIt() {
        FhirTasks fhir = new FhirTasks(port);
        FhirTasks.Created created = create(fhir);
        assertThat(fhir.accept(created.exchangeCode(), BIRTH_DATE, first).status()).isEqualTo(200);

        FhirHttp.Answer taken = fhir.accept(created.exchangeCode(), BIRTH_DATE, second);

        assertThat(taken.status()).as(taken.toString()).isEqualTo(409);
        OperationOutcome.OperationOutcomeIssueComponent issue = taken.as(OperationOutcome.class).getIssueFirstRep();
        assertThat(issue.getCode()).isEqualTo(IssueType.CONFLICT);
        assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("held-by-another-pharmacy");

        FhirHttp.Answer notHolding = fhir.operation(created.id(), "reject", TaskParameters.reason("mine?"), second);
        notHolding.assertOutcome(403, IssueType.FORBIDDEN);

        FhirHttp.Answer rejected = fhir.operation(created.id(), "reject", TaskParameters.reason("out of stock"), first);
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        Task released = rejected.as(Task.class);
        assertThat(released.getStatus()).isEqualTo(Task.TaskStatus.READY);
        assertThat(released.hasOwner()).isFalse();

        FhirHttp.Answer retaken = fhir.accept(created.exchangeCode(), BIRTH_DATE, second);
        assertThat(retaken.status()).as(retaken.toString()).isEqualTo(200);
        Task task = only(retaken.as(Bundle.class), Task.class);
        assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.INPROGRESS);
        assertThat(task.getOwner().getIdentifier().getValue()).isEqualTo(second.pharmacyId());
        assertThat(api().as(second).get("/prescriptions/" + created.id()).text("pharmacyId"))
                .isEqualTo(second.pharmacyId());
    }

    @Test
    void aWrongCodeOrBirthDateIs404AsInTheJsonApiAndGuessingLocksThePharmacyOut() {
        FhirTasks fhir = new FhirTasks(port);
        FhirTasks.Created created = create(fhir);
        Response json = api().post("/prescriptions/accept", accept("WRONG-CODE", BIRTH_DATE, unique("PH")));
        assertThat(json.status()).isEqualTo(404);

        FhirHttp.Answer wrongCode = fhir.accept("WRONG-CODE", BIRTH_DATE, first);
        FhirHttp.Answer wrongBirthDate = fhir.accept(created.exchangeCode(), BIRTH_DATE.plusDays(1), first);

        for (FhirHttp.Answer answer : List.of(wrongCode, wrongBirthDate)) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
            OperationOutcome.OperationOutcomeIssueComponent issue = answer.as(OperationOutcome.class).getIssueFirstRep();
            assertThat(issue.getCode()).isEqualTo(IssueType.NOTFOUND);
            assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo(json.text("refusal")
                    .toLowerCase().replace('_', '-'));
        }
        assertThat(wrongBirthDate.body()).as("one answer for both").isEqualTo(wrongCode.body());

        for (int attempt = 3; attempt <= 5; attempt++) {
            assertThat(fhir.accept("WRONG-" + attempt, BIRTH_DATE, first).status()).isEqualTo(404);
        }
        FhirHttp.Answer locked = fhir.accept(created.exchangeCode(), BIRTH_DATE, first);
        locked.assertOutcome(429, IssueType.THROTTLED);
    }

    @Test
    void aMalformedBodyOrAResourceOfAnotherTypeIs400() {
        FhirTasks fhir = new FhirTasks(port);
        Parameters unknownParameter = TaskParameters.accept("CODE", BIRTH_DATE).parameters();
        unknownParameter.addParameter().setName("pharmacy").setValue(new StringType("PH-X"));
        Parameters birthDateAsText = new Parameters();
        birthDateAsText.addParameter().setName("exchange-code").setValue(new StringType("CODE"));
        birthDateAsText.addParameter().setName("birth-date").setValue(new StringType("1958-04-02"));
        Parameters noCode = new Parameters();
        noCode.addParameter().setName("birth-date").setValue(new DateType("1958-04-02"));

        for (String body : List.of("{not json", "{\"resourceType\":\"Parameters\",\"bogus\":1}",
                FhirConformance.json(new Patient().setActive(true)), FhirConformance.json(unknownParameter),
                FhirConformance.json(birthDateAsText), FhirConformance.json(noCode), "")) {
            FhirHttp.Answer answer = fhir.http().post("/Task/$accept", body, FHIR_JSON, first, Map.of());

            assertThat(answer.status()).as(body + " -> " + answer).isEqualTo(400);
            assertThat(answer.as(OperationOutcome.class).getIssueFirstRep().getCode()).isEqualTo(IssueType.STRUCTURE);
        }
        FhirHttp.Answer prescriberAccepts = fhir.accept("CODE", BIRTH_DATE, prescriber);
        assertThat(prescriberAccepts.status()).isEqualTo(403);
        assertThat(fhir.accept("CODE", BIRTH_DATE, null).status()).isEqualTo(401);
    }

    private FhirTasks.Created create(FhirTasks fhir) {
        return fhir.create(new IssueBundles(unique("PAT"), BIRTH_DATE, "DOC-" + institution, institution)
                .line(AMLODIPINE_BRAND, 28, 28, 0), prescriber);
    }
}

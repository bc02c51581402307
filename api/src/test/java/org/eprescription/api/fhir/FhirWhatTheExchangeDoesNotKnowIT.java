package org.eprescription.api.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.AlertProjectionFault;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.fhir.FhirBundles.all;
import static org.eprescription.api.fhir.FhirBundles.fullUrls;
import static org.eprescription.api.fhir.FhirBundles.only;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_GENERIC;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * A FHIR answer never passes off what the exchange does not know as "nothing": a pharmacy that accepts or lists a
 * prescription sees its alerts as DetectedIssues, and a patient's alerts and prescriptions say when the exchange has
 * events of the patient it could not take in yet (docs/fhir.md; docs/alerts.md, "When the exchange does not know").
 */
class FhirWhatTheExchangeDoesNotKnowIT extends ExchangeIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    private AlertProjectionFault alertFault;

    private final String patient = unique("PAT");
    private final String institution = unique("HOSP");
    private final Identity prescriber = Identity.prescriber("DOC-" + institution, institution);
    private final String pharmacy = unique("PH");
    private final Identity pharmacist = Identity.pharmacist(pharmacy);

    @AfterEach
    void healTheProjection() {
        alertFault.clear();
        for (JsonNode letter : api().get("/admin/dead-letters").body().path("deadLetters")) {
            api().post("/admin/dead-letters/" + letter.path("id").asText() + "/retry", Map.of());
        }
    }

    @Test
    void theAcceptAndThePharmacysQueueCarryThePrescriptionsOpenAlerts() {
        issued(issueFor(patient, unique("HOSP"), AMLODIPINE_BRAND, 28));
        FhirTasks fhir = new FhirTasks(port);
        FhirTasks.Created created = fhir.create(new IssueBundles(patient, BIRTH_DATE, "DOC-" + institution,
                institution).line(AMLODIPINE_GENERIC, 28, 28, 0), prescriber);
        await().atMost(WAIT).until(() -> api().get("/prescriptions/" + created.id()).body().path("alerts").size() == 1);

        FhirHttp.Answer answer = fhir.accept(created.exchangeCode(), BIRTH_DATE, pharmacist);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        Bundle accepted = answer.as(Bundle.class);
        DetectedIssue issue = only(accepted, DetectedIssue.class);
        assertThat(issue.getCode().getCodingFirstRep().getCode()).isEqualTo("DUPTHPY");
        assertThat(issue.getImplicated().get(0).getReference())
                .isEqualTo(fullUrls(accepted, MedicationRequest.class).get(0));
        assertThat(all(accepted, OperationOutcome.class)).isEmpty();

        FhirHttp.Answer queue = fhir.http().get("/Task?owner=" + pharmacy, pharmacist, Map.of());
        assertThat(queue.status()).as(queue.toString()).isEqualTo(200);
        Bundle searched = queue.as(Bundle.class);
        assertThat(searched.getTotal()).as("the total counts the Tasks").isEqualTo(1);
        assertThat(searched.getEntry()).extracting(entry -> entry.getResource().fhirType() + " "
                + entry.getSearch().getMode().toCode()).containsExactly("Task match", "DetectedIssue include");
        DetectedIssue listed = only(searched, DetectedIssue.class);
        assertThat(listed.getIdentifierFirstRep().getValue()).isEqualTo(issue.getIdentifierFirstRep().getValue());
        assertThat(only(searched, Task.class).getIdPart()).isEqualTo(created.id());
    }

    @Test
    void whileThePatientsEventsWaitInTheDeadLetterQueueTheSearchesAndTheAcceptSaySo() {
        issued(issueFor(patient, unique("HOSP"), AMLODIPINE_BRAND, 28));
        alertFault.failOnChecksOf(patient);
        Response second = api().post("/prescriptions", issueFor(patient, institution, AMLODIPINE_GENERIC, 28));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        await().atMost(WAIT).until(() -> api().get("/patients/" + patient + "/alerts").body().path("upToDate")
                .isBoolean());
        FhirHttp http = new FhirHttp(port);

        for (String search : new String[] {"/DetectedIssue?patient=" + patient,
                "/MedicationRequest?patient=" + patient}) {
            FhirHttp.Answer answer = http.get(search, Identity.auditor(), Map.of());
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            Bundle searched = answer.as(Bundle.class);
            assertThat(searched.hasTotal()).as(search + ": no total where the exchange does not know: " + answer)
                    .isFalse();
            OperationOutcome outcome = only(searched, OperationOutcome.class);
            assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.INCOMPLETE);
            assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("dead-letter");
        }

        FhirHttp.Answer accepted = new FhirTasks(port).accept(second.text("exchangeCode"), BIRTH_DATE, pharmacist);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        OperationOutcome notUpToDate = only(accepted.as(Bundle.class), OperationOutcome.class);
        assertThat(notUpToDate.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
                .isEqualTo("not-up-to-date");
        FhirHttp.Answer queue = http.get("/Task?owner=" + pharmacy, pharmacist, Map.of());
        assertThat(queue.status()).as(queue.toString()).isEqualTo(200);
        assertThat(only(queue.as(Bundle.class), OperationOutcome.class).getIssueFirstRep().getDiagnostics())
                .contains("Task/" + second.text("prescriptionId"));

        FhirHttp.Answer otherPatient = http.get("/DetectedIssue?patient=" + unique("PAT"), Identity.auditor(),
                Map.of());
        assertThat(otherPatient.as(Bundle.class).getTotal()).as("said only where it is so").isZero();
        assertThat(otherPatient.as(Bundle.class).hasTotal()).isTrue();
    }
}

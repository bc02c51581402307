package org.eprescription.api.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IssuedPrescription;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.fhir.FhirBundles.identifier;
import static org.eprescription.api.fhir.FhirBundles.searchset;
import static org.eprescription.api.fhir.IssueBundles.SID;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_GENERIC;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * docs/fhir.md, "Searches": {@code GET /fhir/Task?owner=&status=}, a pharmacy's queue as its dispensing view
 * ({@code GET /api/v1/pharmacies/{id}/dispensing-view}) shows it, less what another pharmacy holds now, with the same
 * access rule and access log.
 */
class FhirTaskSearchIT extends ExchangeIntegrationTest {

    private final String pharmacy = unique("PH");
    private final Identity pharmacist = Identity.pharmacist(pharmacy);

    @Test
    void theQueueIsTheDispensingViewNarrowedByStatus() {
        IssuedPrescription held = acceptedBy(pharmacy);
        IssuedPrescription partlyDispensed = acceptedBy(pharmacy);
        dispensed(partlyDispensed, false, 10);
        IssuedPrescription completed = acceptedBy(pharmacy);
        dispensed(completed, true, 28);
        IssuedPrescription notAccepted = issued(issue(unique("HOSP")));

        List<Task> queue = tasks(search("owner=" + pharmacy, pharmacist));
        List<Task> inProgress = tasks(search("owner=" + pharmacy + "&status=in-progress", pharmacist));
        List<Task> done = tasks(search("owner=Organization/" + pharmacy + "&status=completed,cancelled", pharmacist));

        Response json = api().as(pharmacist).get("/pharmacies/" + pharmacy + "/dispensing-view");
        assertThat(json.status()).as(json.toString()).isEqualTo(200);
        List<String> viewed = new ArrayList<>();
        json.body().path("held").forEach(prescription -> viewed.add(prescription.path("prescriptionId").asText()));
        json.body().path("dispensedToday").forEach(prescription -> {
            if (!viewed.contains(prescription.path("prescriptionId").asText())) {
                viewed.add(prescription.path("prescriptionId").asText());
            }
        });
        assertThat(ids(queue)).containsExactlyInAnyOrderElementsOf(viewed)
                .containsExactlyInAnyOrder(held.id(), partlyDispensed.id(), completed.id())
                .doesNotContain(notAccepted.id());
        for (Task task : queue) {
            JsonNode prescription = api().as(pharmacist).get("/prescriptions/" + task.getIdPart()).body();
            assertThat(task.getBusinessStatus().getCodingFirstRep().getCode())
                    .isEqualTo(prescription.path("status").asText());
            if (task.getStatus() == Task.TaskStatus.INPROGRESS) {
                assertThat(identifier(List.of(task.getOwner().getIdentifier()), SID + "pharmacy-id"))
                        .isEqualTo(pharmacy);
            } else {
                assertThat(task.hasOwner()).as("dispensed today, no longer held").isFalse();
            }
        }
        assertThat(ids(inProgress)).containsExactlyInAnyOrder(held.id(), partlyDispensed.id());
        assertThat(ids(done)).containsExactly(completed.id());
    }

    /** An alert linking two prescriptions the pharmacy holds is one DetectedIssue: one entry per fullUrl (bdl-7). */
    @Test
    void anAlertBetweenTwoTasksOfTheQueueIsIncludedOnce() {
        String patient = unique("PAT");
        acceptedBy(pharmacy, issueFor(patient, unique("HOSP"), AMLODIPINE_BRAND, 28));
        acceptedBy(pharmacy, issueFor(patient, unique("HOSP"), AMLODIPINE_GENERIC, 28));

        Bundle queue = search("owner=" + pharmacy, pharmacist).as(Bundle.class);

        List<String> fullUrls = queue.getEntry().stream().map(Bundle.BundleEntryComponent::getFullUrl).toList();
        assertThat(fullUrls).as("every entry once").doesNotHaveDuplicates();
        assertThat(queue.getEntry()).filteredOn(entry -> entry.getResource() instanceof DetectedIssue)
                .as("the duplicate between the two, shown with both").hasSize(1);
    }

    /**
     * docs/fhir.md, "GET /fhir/Task?owner": a Task's owner is the pharmacy that holds it now. One this pharmacy
     * dispensed from today, gave back, and another pharmacy accepted is the other's, in its queue and not in this one,
     * though the JSON view still lists it under what this pharmacy dispensed today.
     */
    @Test
    void aTaskAnotherPharmacyHoldsNowIsInItsQueueNotInTheOneThatDispensedFromItToday() {
        IssuedPrescription handedOn = acceptedBy(pharmacy);
        dispensed(handedOn, false, 10);
        Response released = releasing(handedOn, pharmacy, "the patient goes to the pharmacy near home");
        assertThat(released.status()).as(released.toString()).isEqualTo(200);
        String other = unique("PH");
        accepted(handedOn, other);
        IssuedPrescription held = acceptedBy(pharmacy);

        Response json = api().as(pharmacist).get("/pharmacies/" + pharmacy + "/dispensing-view");
        assertThat(json.status()).as(json.toString()).isEqualTo(200);
        assertThat(json.body().path("dispensedToday").findValuesAsText("prescriptionId")).contains(handedOn.id());

        List<Task> mine = tasks(search("owner=" + pharmacy, pharmacist));
        assertThat(ids(mine)).containsExactly(held.id());
        assertThat(mine).allSatisfy(task -> assertThat(identifier(List.of(task.getOwner().getIdentifier()),
                SID + "pharmacy-id")).isEqualTo(pharmacy));
        assertThat(ids(tasks(search("owner=" + pharmacy + "&status=in-progress", pharmacist))))
                .containsExactly(held.id());
        assertThat(ids(tasks(search("owner=" + pharmacy, Identity.auditor())))).containsExactly(held.id());

        List<Task> theirs = tasks(search("owner=" + other, Identity.pharmacist(other)));
        assertThat(ids(theirs)).containsExactly(handedOn.id());
        assertThat(identifier(List.of(theirs.get(0).getOwner().getIdentifier()), SID + "pharmacy-id"))
                .isEqualTo(other);
    }

    @Test
    void anotherPharmacyIsRefusedAsByTheJsonApiAndAnAuditorsReadIsLogged() {
        IssuedPrescription held = acceptedBy(pharmacy);
        Identity other = Identity.pharmacist(unique("PH"));

        FhirHttp.Answer refused = search("owner=" + pharmacy, other);
        assertThat(api().as(other).get("/pharmacies/" + pharmacy + "/dispensing-view").status()).isEqualTo(403);
        refused.assertOutcome(403, OperationOutcome.IssueType.FORBIDDEN);
        Identity patientCaller = Identity.patient(patientOf(held));
        assertThat(search("owner=" + pharmacy, patientCaller).status()).isEqualTo(
                api().as(patientCaller).get("/pharmacies/" + pharmacy + "/dispensing-view").status()).isEqualTo(403);

        assertThat(ids(tasks(search("owner=" + pharmacy, Identity.auditor())))).containsExactly(held.id());
        Response log = api().as(patientCaller).get("/patients/" + patientOf(held) + "/access-log");
        assertThat(log.status()).as(log.toString()).isEqualTo(200);
        assertThat(log.body().toString()).contains("dispensing view of pharmacy " + pharmacy)
                .contains(Identity.auditor().subject());
    }

    @Test
    void theOwnerIsRequiredAndNoOtherParameterOrStatusIsTaken() {
        for (String query : List.of("", "status=ready", "owner=" + pharmacy + "&_count=5",
                "owner=" + pharmacy + "&status=waiting-room", "owner=" + pharmacy + "&owner=" + pharmacy)) {
            FhirHttp.Answer answer = search(query, pharmacist);
            assertThat(answer.status()).as(query + ": " + answer).isEqualTo(400);
            assertThat(answer.as(OperationOutcome.class).getIssueFirstRep().getSeverity())
                    .isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        }
    }

    private void dispensed(IssuedPrescription prescription, boolean completesUse, int quantity) {
        Response response = api().as(pharmacist).post(prescription.path() + "/dispense",
                dispense(pharmacy, completesUse, item(1, AMLODIPINE_BRAND, quantity, quantity)));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private static String patientOf(IssuedPrescription prescription) {
        return ((Map<String, Object>) prescription.body().get("patient")).get("id").toString();
    }

    private FhirHttp.Answer search(String query, Identity caller) {
        return new FhirHttp(port).get("/Task" + (query.isEmpty() ? "" : "?" + query), caller, Map.of());
    }

    private static List<Task> tasks(FhirHttp.Answer answer) {
        List<Task> tasks = searchset(answer, Task.class);
        assertThat(answer.as(Bundle.class).getEntry()).allSatisfy(entry ->
                assertThat(entry.getFullUrl()).endsWith("/fhir/Task/" + entry.getResource().getIdPart()));
        return tasks;
    }

    private static List<String> ids(List<Task> tasks) {
        return tasks.stream().map(Task::getIdPart).toList();
    }
}

package org.eprescription.api.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.fhir.FhirBundles.all;
import static org.eprescription.api.fhir.FhirBundles.only;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.NIFEDIPINE_CAPSULE;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * docs/fhir.md, "History": a Task's versions are its prescription's events, each the state the audit endpoint
 * {@code /api/v1/audit/prescriptions/{id}/state} answers at that event's instant.
 */
class FhirTaskHistoryIT extends ExchangeIntegrationTest {

    private final String institution = unique("HOSP");
    private final Identity prescriber = Identity.prescriber("DOC-" + institution, institution);
    private final Identity pharmacist = Identity.pharmacist(unique("PH"));
    private final Identity auditor = Identity.auditor();

    @Test
    void afterSixEventsTheHistoryHasSixVersionsEachTheJsonApisStateAtThatEvent() {
        FhirTasks fhir = new FhirTasks(port);
        FhirTasks.Created created = fhir.create(new IssueBundles(unique("PAT"), BIRTH_DATE, "DOC-" + institution,
                institution).line(AMLODIPINE_BRAND, 28, 28, 0).line(NIFEDIPINE_CAPSULE, 14, 14, 0), prescriber);
        assertThat(fhir.accept(created.exchangeCode(), BIRTH_DATE, pharmacist).status()).isEqualTo(200);
        assertThat(fhir.operation(created.id(), "reject", TaskParameters.reason("patient left"), pharmacist)
                .status()).isEqualTo(200);
        assertThat(fhir.accept(created.exchangeCode(), BIRTH_DATE, pharmacist).status()).isEqualTo(200);
        assertThat(fhir.operation(created.id(), "abort", TaskParameters.reason("dose changed"), prescriber)
                .status()).as("a cancellation request, as a pharmacy holds it").isEqualTo(200);
        JsonNode events = api().as(auditor).get("/audit/prescriptions/" + created.id() + "/events").body();
        assertThat(events).as("issue and its check, accept, reject, accept, cancellation request").hasSize(6);

        FhirHttp.Answer answer = fhir.http().get("/Task/" + created.id() + "/_history", auditor, Map.of());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        Bundle history = answer.as(Bundle.class);
        assertThat(history.getType()).isEqualTo(Bundle.BundleType.HISTORY);
        List<Task> versions = all(history, Task.class);
        List<String> sequences = new ArrayList<>();
        events.forEach(event -> sequences.add(0, event.path("sequence").asText()));
        assertThat(versions).extracting(task -> task.getMeta().getVersionId())
                .as("one version per event, newest first").containsExactlyElementsOf(sequences);
        for (JsonNode event : events) {
            String sequence = event.path("sequence").asText();
            Response state = api().as(auditor).get("/audit/prescriptions/" + created.id() + "/state?asOf="
                    + event.path("timestamp").asText());
            assertThat(state.status()).as(state.toString()).isEqualTo(200);
            // the events one command records can share an instant: the state at it is then the last of them
            String atInstant = state.body().path("version").asText();
            assertThat(Long.parseLong(atInstant)).isGreaterThanOrEqualTo(Long.parseLong(sequence));
            Bundle asOf = version(fhir, created.id(), atInstant);
            assertSameState(only(asOf, Task.class), all(asOf, MedicationRequest.class), state.body());

            Task task = only(version(fhir, created.id(), sequence), Task.class);
            assertThat(task.getMeta().getVersionId()).isEqualTo(sequence);
            Task listed = versions.stream().filter(candidate -> candidate.getMeta().getVersionId().equals(sequence))
                    .findFirst().orElseThrow();
            assertThat(listed.getStatus()).isEqualTo(task.getStatus());
            assertThat(listed.getBusinessStatus().getCodingFirstRep().getCode())
                    .isEqualTo(task.getBusinessStatus().getCodingFirstRep().getCode());
        }
    }

    @Test
    void onlyAnAuditorReadsTheHistoryAndAnUnknownVersionIsNotFound() {
        FhirTasks fhir = new FhirTasks(port);
        FhirTasks.Created created = fhir.create(new IssueBundles(unique("PAT"), BIRTH_DATE, "DOC-" + institution,
                institution).line(AMLODIPINE_BRAND, 28, 28, 0), prescriber);

        FhirHttp.Answer issuer = fhir.http().get("/Task/" + created.id() + "/_history", prescriber, Map.of());
        FhirHttp.Answer issuerVersion = fhir.http().get("/Task/" + created.id() + "/_history/0", prescriber, Map.of());
        FhirHttp.Answer noVersion = fhir.http().get("/Task/" + created.id() + "/_history/99", auditor, Map.of());
        FhirHttp.Answer noTask = fhir.http().get("/Task/" + UUID.randomUUID() + "/_history", auditor, Map.of());
        FhirHttp.Answer issuerHead = fhir.http().head("/Task/" + created.id() + "/_history", prescriber);
        FhirHttp.Answer issuerVersionHead = fhir.http().head("/Task/" + created.id() + "/_history/0", prescriber);

        assertThat(issuer.status()).as("as /api/v1/audit/**").isEqualTo(403);
        assertThat(issuerHead.status()).as("HEAD answers what GET would").isEqualTo(403);
        assertThat(issuerVersionHead.status()).isEqualTo(403);
        assertThat(issuer.as(OperationOutcome.class).getIssueFirstRep().getCode())
                .isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
        assertThat(issuerVersion.status()).isEqualTo(403);
        noVersion.assertOutcome(404, OperationOutcome.IssueType.NOTFOUND);
        assertThat(noTask.status()).isEqualTo(404);
    }

    @Test
    void aRegisteredDispensingIsNoTask() {
        FhirTasks fhir = new FhirTasks(port);
        String recordId = org.eprescription.api.support.Prescriptions.registeredDispensing(api());

        fhir.http().get("/Task/" + recordId + "/_history", auditor, Map.of())
                .assertOutcome(404, OperationOutcome.IssueType.NOTFOUND);
        fhir.http().get("/Task/" + recordId + "/_history/0", auditor, Map.of())
                .assertOutcome(404, OperationOutcome.IssueType.NOTFOUND);
    }

    private Bundle version(FhirTasks fhir, String id, String versionId) {
        FhirHttp.Answer answer = fhir.http().get("/Task/" + id + "/_history/" + versionId, auditor, Map.of());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.as(Bundle.class);
    }

    /** The Task and MedicationRequests of a version against the JSON API's view of the same instant. */
    private static void assertSameState(Task task, List<MedicationRequest> requests, JsonNode json) {
        assertThat(task.getMeta().getVersionId()).isEqualTo(json.path("version").asText());
        assertThat(task.getBusinessStatus().getCodingFirstRep().getCode()).isEqualTo(json.path("status").asText());
        assertThat(task.hasOwner() ? task.getOwner().getIdentifier().getValue() : null)
                .isEqualTo(json.path("pharmacyId").isTextual() ? json.path("pharmacyId").asText() : null);
        assertThat(task.hasStatusReason()).isEqualTo(json.path("cancellationRequested").asBoolean());
        List<String> jsonLines = new ArrayList<>();
        json.path("lines").forEach(line -> jsonLines.add(line.path("drugCode").asText() + " "
                + line.path("quantity").decimalValue().stripTrailingZeros().toPlainString() + " "
                + line.path("days").asInt()));
        assertThat(requests).extracting(request -> request.getMedicationCodeableConcept().getCodingFirstRep()
                        .getCode() + " " + request.getDispenseRequest().getQuantity().getValue().stripTrailingZeros()
                        .toPlainString() + " " + request.getDispenseRequest().getExpectedSupplyDuration().getValue()
                        .intValue())
                .containsExactlyElementsOf(jsonLines);
    }
}

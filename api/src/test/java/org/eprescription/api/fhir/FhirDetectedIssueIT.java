package org.eprescription.api.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.CrossInstitutionTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IssuedPrescription;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.fhir.FhirBundles.identifier;
import static org.eprescription.api.fhir.FhirBundles.searchset;
import static org.eprescription.api.fhir.IssueBundles.SID;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_GENERIC;
import static org.eprescription.api.support.Prescriptions.ITRACONAZOLE;
import static org.eprescription.api.support.Prescriptions.TRIAZOLAM;
import static org.eprescription.api.support.Prescriptions.issueFor;

/**
 * docs/fhir.md, "DetectedIssue": a patient's alerts as {@code GET /api/v1/patients/{id}/alerts} shows them to the same
 * caller, with the same privacy.
 */
class FhirDetectedIssueIT extends CrossInstitutionTest {

    private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    @Test
    void theSecondInstitutionSeesItsDuplicateWithItsAcknowledgementAndTheOtherCourseMasked() {
        IssuedPrescription earlier = issued(issueFor(patient, otherInstitution, AMLODIPINE_BRAND, 28));
        IssuedPrescription later = issued(issueFor(patient, institution, AMLODIPINE_GENERIC, 28));
        String alertId = awaitAlerts(prescriber, 1).get(0).path("alertId").asText();
        Response acknowledged = api().as(prescriber).post(later.path() + "/alerts/" + alertId + "/acknowledge",
                Map.of("reason", "switching brands"));
        assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
        JsonNode json = await().atMost(Duration.ofSeconds(5)).until(() -> alertsAs(prescriber).get(0),
                alert -> alert.path("acknowledgements").size() == 1);

        DetectedIssue issue = onlyIssue(search(prescriber));

        assertThat(identifier(issue.getIdentifier(), SID + "alert-id")).isEqualTo(alertId);
        assertThat(issue.getCode().getCodingFirstRep().getSystem()).isEqualTo(ACT_CODE);
        assertThat(issue.getCode().getCodingFirstRep().getCode()).isEqualTo("DUPTHPY");
        assertThat(issue.getSeverity().toCode()).isEqualTo(json.path("severity").asText().toLowerCase());
        assertThat(issue.getPatient().getIdentifier().getValue()).isEqualTo(patient);
        List<Reference> implicated = issue.getImplicated();
        assertThat(implicated.get(0).getIdentifier().getSystem()).isEqualTo(SID + "prescription-line");
        assertThat(implicated.get(0).getIdentifier().getValue()).isEqualTo(later.id() + "/1");
        assertThat(implicated).hasSize(1 + json.path("conflicts").size());
        assertThat(implicated.get(1).hasIdentifier()).as("another institution's course, without consent").isFalse();
        assertThat(implicated.get(1).getDisplay()).contains(AMLODIPINE_BRAND).doesNotContain(earlier.id());
        assertThat(issue.getMitigation()).singleElement().satisfies(mitigation -> {
            assertThat(mitigation.getAction().getText()).isEqualTo("switching brands");
            assertThat(mitigation.getAuthor().getIdentifier().getValue()).isEqualTo("DOC-" + institution);
        });

        for (Identity reader : List.of(prescriber, Identity.prescriber("DOC-" + otherInstitution, otherInstitution),
                Identity.patient(patient))) {
            assertNamedAsTheJsonApiNamesThem(onlyIssue(search(reader)), alertsAs(reader).get(0));
        }
    }

    @Test
    void aContraindicatedPairIsDrgOfHighSeverity() {
        issued(issueFor(patient, otherInstitution, TRIAZOLAM, 14));
        issued(issueFor(patient, institution, ITRACONAZOLE, 14));
        awaitAlerts(prescriber, 1);

        DetectedIssue issue = onlyIssue(search(prescriber));

        assertThat(issue.getCode().getCodingFirstRep().getCode()).isEqualTo("DRG");
        assertThat(issue.getSeverity()).isEqualTo(DetectedIssue.DetectedIssueSeverity.HIGH);
    }

    @Test
    void aResolvedAlertSaysSoInAMitigation() {
        issued(issueFor(patient, otherInstitution, TRIAZOLAM, 14));
        IssuedPrescription later = issued(issueFor(patient, institution, ITRACONAZOLE, 14));
        awaitAlerts(prescriber, 1);
        assertThat(onlyIssue(search(prescriber)).getMitigation()).as("open: nothing to say").isEmpty();

        api().post(later.path() + "/cancel", Map.of("reason", "wrong patient"),
                org.eprescription.api.support.Prescriptions.prescriberHeaders(institution));
        await().atMost(Duration.ofSeconds(5)).until(() -> alertsAs(prescriber).get(0).path("status").asText(),
                "RESOLVED"::equals);

        assertThat(onlyIssue(search(prescriber)).getMitigation()).singleElement().satisfies(mitigation ->
                assertThat(mitigation.getAction().getCodingFirstRep().getCode()).isEqualTo("resolved"));
    }

    @Test
    void aStrangerIsRefusedAsByTheJsonApiAndTheSearchNeedsAPatient() {
        issued(issueFor(patient, otherInstitution, AMLODIPINE_BRAND, 28));
        Identity stranger = Identity.prescriber("DOC-" + institution, institution);

        FhirHttp.Answer refused = search(stranger);
        FhirHttp.Answer noPatient = new FhirHttp(port).get("/DetectedIssue", stranger, Map.of());
        FhirHttp.Answer otherParameter = new FhirHttp(port).get("/DetectedIssue?patient=" + patient + "&code=DRG",
                stranger, Map.of());

        assertThat(api().as(stranger).get("/patients/" + patient + "/alerts").status()).isEqualTo(403);
        refused.assertOutcome(403, OperationOutcome.IssueType.FORBIDDEN);
        assertThat(noPatient.status()).isEqualTo(400);
        assertThat(otherParameter.status()).isEqualTo(400);
    }

    /**
     * Which prescriptions the DetectedIssue names: those the JSON API names to the same reader, no more (its own line
     * only where the reader may know which prescription raised it).
     */
    private static void assertNamedAsTheJsonApiNamesThem(DetectedIssue issue, JsonNode json) {
        List<String> named = issue.getImplicated().stream()
                .map(reference -> reference.hasIdentifier() ? reference.getIdentifier().getValue() : null).toList();
        List<String> expected = new java.util.ArrayList<>();
        if (json.path("prescriptionId").isTextual()) {
            expected.add(json.path("prescriptionId").asText() + "/" + json.path("lineNumber").asInt());
        }
        json.path("conflicts").forEach(conflict -> expected.add(conflict.path("prescriptionId").isTextual()
                ? conflict.path("prescriptionId").asText() : null));
        assertThat(named).as(json.toString()).containsExactlyElementsOf(expected);
    }

    private FhirHttp.Answer search(Identity caller) {
        return new FhirHttp(port).get("/DetectedIssue?patient=" + patient, caller, Map.of());
    }

    private static DetectedIssue onlyIssue(FhirHttp.Answer answer) {
        List<DetectedIssue> issues = searchset(answer, DetectedIssue.class);
        assertThat(issues).hasSize(1);
        return issues.get(0);
    }

    private List<JsonNode> awaitAlerts(Identity caller, int count) {
        return await().atMost(Duration.ofSeconds(5)).until(() -> alertsAs(caller), alerts -> alerts.size() == count);
    }

    private List<JsonNode> alertsAs(Identity caller) {
        Response response = api().as(caller).get("/patients/" + patient + "/alerts");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> alerts = new java.util.ArrayList<>();
        response.body().path("alerts").forEach(alerts::add);
        return alerts;
    }
}

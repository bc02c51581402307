package org.eprescription.api.fhir;

import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IssuedPrescription;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.fhir.FhirBundles.searchset;
import static org.eprescription.api.fhir.IssueBundles.SID;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.ZOLPIDEM;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * docs/fhir.md, "Searches": {@code GET /fhir/MedicationRequest?patient=}, the lines of the patient's prescriptions
 * as {@code GET /api/v1/patients/{id}/prescriptions} lists them, for the same readers.
 */
class FhirMedicationRequestSearchIT extends ExchangeIntegrationTest {

    private final String patient = unique("PAT");
    private final String institution = unique("HOSP");

    @Test
    void thePatientAndAnAuditorReadTheLinesTheJsonApiLists() {
        IssuedPrescription first = issued(issueFor(patient, institution, AMLODIPINE_BRAND, 28));
        IssuedPrescription second = issued(issueFor(patient, unique("HOSP"), ZOLPIDEM, 14));
        issued(issueFor(unique("PAT"), institution, AMLODIPINE_BRAND, 28));

        for (Identity reader : List.of(Identity.patient(patient), Identity.auditor())) {
            List<MedicationRequest> requests = requests(search("patient=" + patient, reader));
            Response json = api().as(reader).get("/patients/" + patient + "/prescriptions");
            assertThat(json.status()).as(json.toString()).isEqualTo(200);
            List<String> lines = new ArrayList<>();
            List<String> drugs = new ArrayList<>();
            json.body().path("prescriptions").forEach(prescription -> prescription.path("lines").forEach(line -> {
                lines.add(prescription.path("prescriptionId").asText() + "/" + line.path("lineNumber").asInt());
                drugs.add(line.path("drugCode").asText());
            }));
            assertThat(requests).extracting(request -> request.getIdentifierFirstRep().getValue())
                    .containsExactlyElementsOf(lines)
                    .containsExactlyInAnyOrder(first.id() + "/1", second.id() + "/1");
            assertThat(requests).extracting(request -> request.getMedicationCodeableConcept().getCodingFirstRep()
                    .getCode()).containsExactlyElementsOf(drugs);
            assertThat(requests).allSatisfy(request -> {
                assertThat(request.getIdentifierFirstRep().getSystem()).isEqualTo(SID + "prescription-line");
                assertThat(request.getSubject().getIdentifier().getValue()).isEqualTo(patient);
                assertThat(request.getStatus()).isEqualTo(MedicationRequest.MedicationRequestStatus.ACTIVE);
            });
        }
        assertThat(requests(search("patient=Patient/" + patient, Identity.patient(patient)))).hasSize(2);

        Response log = api().as(Identity.patient(patient)).get("/patients/" + patient + "/access-log");
        assertThat(log.status()).as(log.toString()).isEqualTo(200);
        assertThat(log.body().toString()).contains("prescriptions").contains(Identity.auditor().subject());
    }

    @Test
    void anyoneElseIsRefusedAsByTheJsonApi() {
        issued(issueFor(patient, institution, AMLODIPINE_BRAND, 28));

        for (Identity other : List.of(Identity.prescriber("DOC-" + institution, institution),
                Identity.patient(unique("PAT")), Identity.pharmacist(unique("PH")))) {
            FhirHttp.Answer refused = search("patient=" + patient, other);
            assertThat(api().as(other).get("/patients/" + patient + "/prescriptions").status()).isEqualTo(403);
            refused.assertOutcome(403, OperationOutcome.IssueType.FORBIDDEN);
        }
    }

    @Test
    void thePatientIsRequiredAndNoOtherParameterIsTaken() {
        for (String query : List.of("", "status=active", "patient=" + patient + "&status=active")) {
            FhirHttp.Answer answer = search(query, Identity.patient(patient));
            assertThat(answer.status()).as(query + ": " + answer).isEqualTo(400);
            assertThat(answer.as(OperationOutcome.class).getIssueFirstRep().getSeverity())
                    .isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        }
    }

    private FhirHttp.Answer search(String query, Identity caller) {
        return new FhirHttp(port).get("/MedicationRequest" + (query.isEmpty() ? "" : "?" + query), caller, Map.of());
    }

    private static List<MedicationRequest> requests(FhirHttp.Answer answer) {
        return searchset(answer, MedicationRequest.class);
    }
}

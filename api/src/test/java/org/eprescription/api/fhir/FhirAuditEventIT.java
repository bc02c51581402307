package org.eprescription.api.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IssuedPrescription;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.fhir.FhirBundles.searchset;
import static org.eprescription.api.fhir.IssueBundles.SID;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * docs/fhir.md, "Searches": {@code GET /fhir/AuditEvent?patient=}, the patient's access log as
 * {@code GET /api/v1/patients/{id}/access-log} lists it, for the same readers.
 */
class FhirAuditEventIT extends ExchangeIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private static final String ROLES = "http://example.org/fhir/CodeSystem/role";

    private final String patient = unique("PAT");
    private final String institution = unique("HOSP");
    private final Identity prescriber = Identity.prescriber("DOC-" + institution, institution);
    private final String pharmacy = unique("PH");

    @Test
    void everyEntryOfTheAccessLogAsTheJsonApiListsIt() {
        IssuedPrescription prescription = issued(issueFor(patient, institution, AMLODIPINE_BRAND, 28));
        String otherPharmacy = unique("PH");
        Response wrongBirthDate = api().as(Identity.pharmacist(otherPharmacy)).post("/prescriptions/accept",
                accept(prescription.exchangeCode(), BIRTH_DATE.plusDays(1), otherPharmacy));
        assertThat(wrongBirthDate.status()).as(wrongBirthDate.toString()).isEqualTo(404);
        accepted(prescription, pharmacy);
        assertThat(api().as(prescriber).get(prescription.path()).status()).isEqualTo(200);

        List<AuditEvent> events = events(search("patient=" + patient, Identity.patient(patient)));
        JsonNode log = api().as(Identity.patient(patient)).get("/patients/" + patient + "/access-log").body();

        List<JsonNode> entries = new ArrayList<>();
        log.path("entries").forEach(entries::add);
        assertThat(entries).as("the issue's check, a failed accept, the accept, the read").hasSize(4);
        assertThat(events).hasSameSizeAs(entries);
        for (int i = 0; i < entries.size(); i++) {
            assertSaysTheSame(events.get(i), entries.get(i));
        }
        AuditEvent read = events.get(0);
        assertThat(reader(read).getWho().getIdentifier().getSystem()).isEqualTo(SID + "practitioner-id");
        assertThat(reader(read).getWho().getIdentifier().getValue()).isEqualTo("DOC-" + institution);
        assertThat(organisation(read).getWho().getIdentifier().getSystem()).isEqualTo(SID + "institution-id");
        assertThat(organisation(read).getWho().getIdentifier().getValue()).isEqualTo(institution);
        assertThat(prescriptionNamed(read)).isEqualTo(prescription.id());
        assertThat(read.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
        AuditEvent accept = events.get(1);
        assertThat(reader(accept).getWho().getIdentifier().getSystem()).isEqualTo(SID + "pharmacist-id");
        assertThat(organisation(accept).getWho().getIdentifier().getValue()).isEqualTo(pharmacy);
        AuditEvent failed = events.get(2);
        assertThat(failed.getOutcome()).as("a refused accept").isEqualTo(AuditEvent.AuditEventOutcome._4);
        assertThat(organisation(failed).getWho().getIdentifier().getValue()).isEqualTo(otherPharmacy);
        assertThat(prescriptionNamed(failed)).isEqualTo(prescription.id());
        AuditEvent check = events.get(3);
        assertThat(reader(check).getWho().getIdentifier().getValue()).isEqualTo("DOC-" + institution);
        assertThat(prescriptionNamed(check)).isEqualTo(prescription.id());
        assertThat(check.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.getType().getCode()).isEqualTo("rest");
            assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("read");
            assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
            AuditEventEntityComponent subject = event.getEntityFirstRep();
            assertThat(subject.getWhat().getIdentifier().getSystem()).isEqualTo(SID + "patient-id");
            assertThat(subject.getWhat().getIdentifier().getValue()).isEqualTo(patient);
        });

        List<AuditEvent> asAuditor = events(search("patient=Patient/" + patient, Identity.auditor()));
        assertThat(asAuditor).hasSize(5);
        AuditEvent ownRead = asAuditor.get(0);
        assertThat(ownRead.getEntityFirstRep().getDescription()).isEqualTo("access log");
        assertThat(ownRead.getEntity()).as("no prescription named").hasSize(1);
        assertThat(reader(ownRead).getAltId()).isEqualTo(Identity.auditor().subject());
        assertThat(reader(ownRead).getRoleFirstRep().getCodingFirstRep().getSystem()).isEqualTo(ROLES);
        assertThat(reader(ownRead).getRoleFirstRep().getCodingFirstRep().getCode()).isEqualTo("AUDITOR");
        assertThat(ownRead.getAgent()).as("an auditor reads for no organisation").hasSize(1);
        JsonNode afterwards = api().as(Identity.patient(patient)).get("/patients/" + patient + "/access-log").body();
        assertThat(afterwards.path("entries")).hasSize(5);
        assertSaysTheSame(ownRead, afterwards.path("entries").get(0));
    }

    @Test
    void aCallerWhoMayNotReadTheAccessLogIsRefusedAsByTheJsonApi() {
        IssuedPrescription prescription = issued(issueFor(patient, institution, AMLODIPINE_BRAND, 28));
        accepted(prescription, pharmacy);

        for (Identity other : List.of(prescriber, Identity.pharmacist(pharmacy), Identity.patient(unique("PAT")))) {
            FhirHttp.Answer refused = search("patient=" + patient, other);
            Response json = api().as(other).get("/patients/" + patient + "/access-log");
            assertThat(json.status()).isEqualTo(403);
            refused.assertOutcome(json.status(), OperationOutcome.IssueType.FORBIDDEN);
        }
        JsonNode log = api().as(Identity.patient(patient)).get("/patients/" + patient + "/access-log").body();
        assertThat(log.path("entries").toString()).as("a refused read reads nothing").doesNotContain("access log");
    }

    @Test
    void thePatientIsRequiredAndNoOtherParameterIsTaken() {
        for (String query : List.of("", "patient=", "agent=DOC-1", "patient=" + patient + "&date=ge2025-01-01",
                "patient=" + patient + "&patient=" + patient)) {
            FhirHttp.Answer answer = search(query, Identity.auditor());
            assertThat(answer.status()).as(query + ": " + answer).isEqualTo(400);
            assertThat(answer.as(OperationOutcome.class).getIssueFirstRep().getSeverity())
                    .isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        }
    }

    /** The AuditEvent says what the JSON entry says: when, who, in which role, for whom, what. */
    private static void assertSaysTheSame(AuditEvent event, JsonNode entry) {
        assertThat(event.getRecorded().toInstant())
                .isEqualTo(Instant.parse(entry.path("accessedAt").asText()).truncatedTo(ChronoUnit.MILLIS));
        assertThat(reader(event).getAltId()).isEqualTo(entry.path("accessorId").asText());
        assertThat(reader(event).getRoleFirstRep().getCodingFirstRep().getCode())
                .isEqualTo(entry.path("role").asText());
        String organisation = entry.path("organisationId").isTextual() ? entry.path("organisationId").asText() : null;
        assertThat(event.getAgent().stream().filter(agent -> !agent.getRequestor())
                .map(agent -> agent.getWho().getIdentifier().getValue()).findFirst().orElse(null))
                .isEqualTo(organisation);
        assertThat(event.getEntityFirstRep().getDescription()).isEqualTo(entry.path("what").asText());
    }

    private static AuditEventAgentComponent reader(AuditEvent event) {
        return event.getAgent().stream().filter(AuditEventAgentComponent::getRequestor).findFirst().orElseThrow();
    }

    private static AuditEventAgentComponent organisation(AuditEvent event) {
        return event.getAgent().stream().filter(agent -> !agent.getRequestor()).findFirst().orElseThrow();
    }

    private static String prescriptionNamed(AuditEvent event) {
        return event.getEntity().stream()
                .filter(entity -> (SID + "prescription-id").equals(entity.getWhat().getIdentifier().getSystem()))
                .map(entity -> entity.getWhat().getIdentifier().getValue()).findFirst().orElse(null);
    }

    @Test
    void aLogLongerThanOneAnswerSaysItWasCutBothInJsonAndInFhir() {
        String patient = unique("PAT");
        jdbc.sql("""
                        insert into patient_access_log (patient_id, accessed_at, accessor_id, role, organisation_id, what)
                        select ?, now() - make_interval(secs => n), 'DOC-1', 'PRESCRIBER', 'HOSP-1', 'prescription'
                        from generate_series(1, 1001) as n""")
                .param(patient).update();

        JsonNode log = api().as(Identity.patient(patient)).get("/patients/" + patient + "/access-log").body();
        Bundle found = search("patient=" + patient, Identity.patient(patient)).as(Bundle.class);

        assertThat(log.path("entries")).hasSize(1000);
        assertThat(log.path("truncated").asBoolean()).as("older entries were left out").isTrue();
        assertThat(found.hasTotal()).as("no total that would read as the whole log").isFalse();
        assertThat(found.getEntry()).filteredOn(entry -> entry.getResource() instanceof OperationOutcome)
                .singleElement().satisfies(entry ->
                        assertThat(entry.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.OUTCOME));
        assertThat(FhirBundles.all(found, AuditEvent.class)).hasSize(1000);
    }

    private FhirHttp.Answer search(String query, Identity caller) {
        return new FhirHttp(port).get("/AuditEvent" + (query.isEmpty() ? "" : "?" + query), caller, Map.of());
    }

    private static List<AuditEvent> events(FhirHttp.Answer answer) {
        List<AuditEvent> events = searchset(answer, AuditEvent.class);
        assertThat(answer.as(Bundle.class).getEntry()).allSatisfy(entry ->
                assertThat(entry.getFullUrl()).matches("urn:uuid:[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}"));
        return events;
    }
}

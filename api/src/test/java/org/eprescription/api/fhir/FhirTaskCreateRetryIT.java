package org.eprescription.api.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.fhir.FhirBundles.all;
import static org.eprescription.api.fhir.FhirBundles.identifier;
import static org.eprescription.api.fhir.FhirBundles.only;
import static org.eprescription.api.fhir.FhirHttp.FHIR_JSON;
import static org.eprescription.api.fhir.IssueBundles.SID;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.NIFEDIPINE_CAPSULE;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * docs/fhir.md, "Task/$create", "Retries": a Bundle that names its prescription (the MedicationRequests'
 * {@code groupIdentifier}, or {@code Bundle.identifier}, of system {@code prescription-id}) is issued once, however
 * often it is sent, as the JSON API's {@code prescriptionId} is; another Bundle under the same id is a conflict.
 */
class FhirTaskCreateRetryIT extends ExchangeIntegrationTest {

    private static final String CREATE = "/Task/$create";

    private final String patient = unique("PAT");
    private final String institution = unique("HOSP");
    private final Identity prescriber = Identity.prescriber("DOC-" + institution, institution);

    @Test
    void theSameBundleSentAgainWithoutAKeyIsIssuedOnceAndAnsweredAsTheFirstTime() {
        String id = UUID.randomUUID().toString();
        String body = FhirConformance.json(named(bundle().line(AMLODIPINE_BRAND, 28, 28, 0)
                .line(NIFEDIPINE_CAPSULE, 14, 14, 0).bundle(), id));

        FhirHttp.Answer first = fhir().post(CREATE, body, FHIR_JSON, prescriber, Map.of());
        FhirHttp.Answer retry = fhir().post(CREATE, body, FHIR_JSON, prescriber, Map.of());

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        Task task = only(first.as(Bundle.class), Task.class);
        assertThat(identifier(task.getIdentifier(), SID + "prescription-id")).isEqualTo(id);
        assertThat(retry.status()).as("as the JSON API answers the same prescriptionId and body: "
                + retry).isEqualTo(200);
        assertThat(retry.body()).as("the same Task, exchange code and DetectedIssues").isEqualTo(first.body());
        assertThat(prescriptions()).extracting(prescription -> prescription.path("prescriptionId").asText())
                .containsExactly(id);
    }

    @Test
    void theSameBundleStartingOnItsIssueDaySentAgainTheNextDayIsAnsweredAsTheJsonApisRetry() {
        String id = UUID.randomUUID().toString();
        LocalDate issueDay = clock.today();
        Bundle sent = named(bundle().line(AMLODIPINE_BRAND, 28, 28, 0).validUntil(issueDay.plusDays(7)).bundle(), id);
        all(sent, MedicationRequest.class).forEach(request -> request.getDispenseRequest().getValidityPeriod()
                .setStartElement(new DateTimeType(issueDay.toString())));
        String body = FhirConformance.json(sent);
        FhirHttp.Answer first = fhir().post(CREATE, body, FHIR_JSON, prescriber, Map.of());
        assertThat(first.status()).as(first.toString()).isEqualTo(201);

        clock.advance(Duration.ofDays(1));
        FhirHttp.Answer retry = fhir().post(CREATE, body, FHIR_JSON, prescriber, Map.of());
        Bundle startingToday = startingOn(body, clock.today());
        FhirHttp.Answer rebuiltToday = fhir().post(CREATE, startingToday, prescriber);
        FhirHttp.Answer otherDay = fhir().post(CREATE, startingOn(body, issueDay.minusDays(3)), prescriber);

        assertThat(retry.status()).as("the prescription was issued yesterday: a 400 would have the EHR issue it "
                + "again under a new id; " + retry).isEqualTo(200);
        assertThat(retry.body()).as("the same Task, exchange code and DetectedIssues").isEqualTo(first.body());
        assertThat(rebuiltToday.status()).as("a resend the EHR rebuilt starting today is the same prescription too; "
                + rebuiltToday).isEqualTo(200);
        assertThat(otherDay.assertOutcome(400, OperationOutcome.IssueType.STRUCTURE).getDiagnostics())
                .as("a start on neither day is refused, without telling the day the prescription was issued")
                .contains("validityPeriod.start").doesNotContain(issueDay.toString());
        assertThat(prescriptions()).extracting(prescription -> prescription.path("prescriptionId").asText())
                .containsExactly(id);
    }

    private static Bundle startingOn(String body, LocalDate start) {
        Bundle bundle = FhirConformance.CONTEXT.newJsonParser().parseResource(Bundle.class, body);
        all(bundle, MedicationRequest.class).forEach(request -> request.getDispenseRequest().getValidityPeriod()
                .setStartElement(new DateTimeType(start.toString())));
        return bundle;
    }

    @Test
    void theIdMayBeTheBundlesIdentifierAloneOrAgreeingWithTheLines() {
        String alone = UUID.randomUUID().toString();
        Bundle byBundle = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle();
        byBundle.setIdentifier(new Identifier().setSystem(SID + "prescription-id").setValue(alone));
        String both = UUID.randomUUID().toString();
        Bundle agreeing = named(bundle().line(NIFEDIPINE_CAPSULE, 14, 14, 0).bundle(), both);
        agreeing.setIdentifier(new Identifier().setSystem(SID + "prescription-id").setValue(both));

        for (Map.Entry<Bundle, String> sent : Map.of(byBundle, alone, agreeing, both).entrySet()) {
            FhirHttp.Answer answer = fhir().post(CREATE, sent.getKey(), prescriber);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
            assertThat(identifier(only(answer.as(Bundle.class), Task.class).getIdentifier(),
                    SID + "prescription-id")).isEqualTo(sent.getValue());
        }
    }

    @Test
    void anotherBundleUnderTheSameIdIsAConflictAndChangesNothing() {
        String id = UUID.randomUUID().toString();
        FhirHttp.Answer first = fhir().post(CREATE, named(bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle(), id),
                prescriber);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        Response before = api().as(prescriber).get("/prescriptions/" + id);

        FhirHttp.Answer other = fhir().post(CREATE, named(bundle().line(AMLODIPINE_BRAND, 56, 28, 0).bundle(), id),
                prescriber);
        Response json = api().as(prescriber).post("/prescriptions", Map.of("prescriptionId", id,
                "patient", Map.of("id", patient, "birthDate", BIRTH_DATE.toString()),
                "prescriber", Map.of("id", "DOC-" + institution, "institutionId", institution),
                "lines", List.of(Map.of("lineNumber", 1, "drugCode", AMLODIPINE_BRAND, "quantity", 56,
                        "unit", "tablet", "dosage", "1 tablet once daily after breakfast", "days", 28))));

        OperationOutcome.OperationOutcomeIssueComponent issue = other.assertOutcome(json.status(),
                OperationOutcome.IssueType.CONFLICT);
        assertThat(other.status()).isEqualTo(409);
        assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("different-issue-under-same-id")
                .isEqualTo(json.text("refusal").toLowerCase().replace('_', '-'));
        Response after = api().as(prescriber).get("/prescriptions/" + id);
        assertThat(after.body()).as("nothing written").isEqualTo(before.body());
        assertThat(prescriptions()).hasSize(1);
    }

    @Test
    void idsThatContradictEachOtherOrAreNoPrescriptionIdAreRefused() {
        Bundle linesDisagree = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).line(NIFEDIPINE_CAPSULE, 14, 14, 0)
                .bundle();
        all(linesDisagree, MedicationRequest.class).forEach(request -> request.setGroupIdentifier(
                new Identifier().setSystem(SID + "prescription-id").setValue(UUID.randomUUID().toString())));
        Bundle oneLineSilent = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).line(NIFEDIPINE_CAPSULE, 14, 14, 0)
                .bundle();
        all(oneLineSilent, MedicationRequest.class).get(0).setGroupIdentifier(
                new Identifier().setSystem(SID + "prescription-id").setValue(UUID.randomUUID().toString()));
        Bundle bundleDisagrees = named(bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle(),
                UUID.randomUUID().toString());
        bundleDisagrees.setIdentifier(new Identifier().setSystem(SID + "prescription-id")
                .setValue(UUID.randomUUID().toString()));
        Bundle notAnId = named(bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle(), "RX-0001");

        for (Bundle refused : List.of(linesDisagree, oneLineSilent, bundleDisagrees, notAnId)) {
            FhirHttp.Answer answer = fhir().post(CREATE, refused, prescriber);
            assertThat(answer.assertOutcome(400, OperationOutcome.IssueType.STRUCTURE).getDiagnostics())
                    .contains("prescription-id");
        }
        assertThat(prescriptions()).as("nothing was issued").isEmpty();
    }

    @Test
    void aGroupIdentifierOfAnotherSystemNamesNoPrescriptionOfTheExchange() {
        Bundle ehrsOwn = bundle().line(AMLODIPINE_BRAND, 28, 28, 0).bundle();
        only(ehrsOwn, MedicationRequest.class).setGroupIdentifier(
                new Identifier().setSystem("http://ehr.example.org/order").setValue("ORDER-1"));

        FhirHttp.Answer answer = fhir().post(CREATE, ehrsOwn, prescriber);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(prescriptions()).hasSize(1);
    }

    /** Every MedicationRequest's groupIdentifier names the prescription {@code id}. */
    private static Bundle named(Bundle bundle, String id) {
        all(bundle, MedicationRequest.class).forEach(request -> request.setGroupIdentifier(
                new Identifier().setSystem(SID + "prescription-id").setValue(id)));
        return bundle;
    }

    private List<JsonNode> prescriptions() {
        Response list = api().as(Identity.patient(patient)).get("/patients/" + patient + "/prescriptions");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        List<JsonNode> found = new java.util.ArrayList<>();
        list.body().path("prescriptions").forEach(found::add);
        return found;
    }

    private IssueBundles bundle() {
        return new IssueBundles(patient, BIRTH_DATE, "DOC-" + institution, institution);
    }

    private FhirHttp fhir() {
        return new FhirHttp(port);
    }
}

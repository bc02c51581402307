package org.eprescription.api.fhir;

import org.eprescription.api.support.StoppedBeforeAnswering;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.StoredEvents;
import org.eprescription.api.support.TestTokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.fhir.FhirBundles.all;
import static org.eprescription.api.fhir.FhirHttp.FHIR_JSON;
import static org.eprescription.api.fhir.IssueBundles.SID;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * docs/fhir.md, "Errors": a FHIR operation recorded but not answered (its node stopped after recording, a retry with
 * the same key) is an informational OperationOutcome whose Location names the Task, not the JSON API's answer. The
 * stop is played as {@code StoppedBeforeAnswerIT} plays it: the key's row put back claimed long ago, unanswered.
 */
class FhirRecordedNotAnsweredIT extends ExchangeIntegrationTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private StoredEvents events;

    @Test
    void aRetriedCreateWhoseNodeStoppedAfterRecordingIsAnInformationalOutcomeNamingTheTask() throws Exception {
        String institution = unique("HOSP");
        Identity prescriber = Identity.prescriber("DOC-" + institution, institution);
        String id = UUID.randomUUID().toString();
        Bundle bundle = new IssueBundles(unique("PAT"), BIRTH_DATE, "DOC-" + institution, institution)
                .line(AMLODIPINE_BRAND, 28, 28, 0).bundle();
        all(bundle, MedicationRequest.class).forEach(request -> request.setGroupIdentifier(
                new Identifier().setSystem(SID + "prescription-id").setValue(id)));
        String body = FhirConformance.json(bundle);
        String key = UUID.randomUUID().toString();
        assertThat(create(body, prescriber, key).statusCode()).isEqualTo(201);
        StoppedBeforeAnswering.leave(jdbc, key);

        HttpResponse<String> retry = create(body, prescriber, key);
        HttpResponse<String> again = create(body, prescriber, key);

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        assertThat(retry.headers().firstValue("Content-Type").orElse("")).startsWith(FHIR_JSON);
        OperationOutcome outcome = FhirConformance.valid(retry.body(), FHIR_JSON, OperationOutcome.class);
        assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.INFORMATION);
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.INFORMATIONAL);
        assertThat(retry.headers().firstValue("Location").orElse("")).endsWith("/fhir/Task/" + id);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.headers().firstValue("Location").orElse("")).endsWith("/fhir/Task/" + id);
        assertThat(events.count(id, "PrescriptionIssued")).isEqualTo(1);
    }

    private HttpResponse<String> create(String body, Identity identity, String key)
            throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/Task/$create"))
                        .header("Content-Type", FHIR_JSON)
                        .header("Authorization", "Bearer " + TestTokens.of(identity))
                        .header("Idempotency-Key", key)
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

}

package org.eprescription.api.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IssuedPrescription;
import org.eprescription.api.support.AlertProjectionFault;
import org.eprescription.api.support.ProjectionFault;
import org.eprescription.api.support.StoredEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.unique;

/** A projection that fails on one event parks that prescription's events and goes on with everyone else's. */
class DeadLetterIT extends ExchangeIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    private ProjectionFault fault;

    @Autowired
    private AlertProjectionFault alertFault;

    @Autowired
    private StoredEvents events;

    @AfterEach
    void healTheProjection() {
        fault.clear();
        alertFault.clear();
        for (JsonNode letter : deadLetters()) {
            api().post("/admin/dead-letters/" + letter.path("id").asText() + "/retry", Map.of());
        }
    }

    @Test
    void aFailingEventWaitsInTheQueueWithItsPrescriptionsLaterEventsUntilRetried() {
        IssuedPrescription victim = issued(issue(unique("HOSP")));
        IssuedPrescription other = issued(issue(unique("HOSP")));
        fault.failOnAcceptanceOf(victim.id());

        Response accepted = api().post("/prescriptions/accept", accept(victim.exchangeCode(), BIRTH_DATE, "PH-A"));
        assertThat(accepted.status()).as("recorded, but the view cannot show it: answered from the events")
                .isEqualTo(200);
        assertThat(accepted.text("status")).isEqualTo("ACCEPTED");
        assertThat(accepted.header("Answered-From-Events")).isEqualTo("true");
        assertThat(events.count(victim.id(), "PrescriptionAccepted")).isEqualTo(1);
        await().atMost(WAIT).until(() -> lettersOf(victim).size() == 1);
        JsonNode letter = lettersOf(victim).get(0);
        assertThat(letter.path("processingGroup").asText()).isEqualTo("prescription-view");
        assertThat(letter.path("sequenceIdentifier").asText()).isNotBlank();
        assertThat(letter.path("eventType").asText()).isEqualTo("PrescriptionAccepted");
        // after PrescriptionIssued and its InteractionCheckCompleted
        assertThat(letter.path("sequenceNumber").asLong()).isEqualTo(2);
        assertThat(letter.path("enqueuedAt").asText()).isNotBlank();
        assertThat(letter.path("cause").path("type").asText()).isNotBlank();
        assertThat(letter.path("cause").path("message").asText()).contains("division by zero");

        Response otherAccepted = api().post("/prescriptions/accept", accept(other.exchangeCode(), BIRTH_DATE, "PH-B"));
        assertThat(otherAccepted.text("status")).as("other prescriptions go on").isEqualTo("ACCEPTED");

        assertThat(api().post(victim.path() + "/dispense", dispense("PH-A", true, item(1, AMLODIPINE_BRAND, 28, 28)))
                .text("status")).isEqualTo("COMPLETED");
        await().atMost(WAIT).until(() -> lettersOf(victim).size() >= 2);
        assertThat(lettersOf(victim)).as("later events of the prescription queue behind the failed one")
                .extracting(l -> l.path("sequenceIdentifier").asText())
                .containsOnly(letter.path("sequenceIdentifier").asText());
        assertThat(lettersOf(victim)).extracting(l -> l.path("eventType").asText())
                .startsWith("PrescriptionAccepted", "PrescriptionDispensed");
        Response parked = api().get(victim.path());
        assertThat(parked.text("status")).as("a read shows what was recorded, from the events").isEqualTo("COMPLETED");
        assertThat(parked.body().path("upToDate").isBoolean()).as("a read of a view that lags says so").isTrue();
        assertThat(parked.header("Answered-From-Events")).isEqualTo("true");

        Response stillFailing = api().post("/admin/dead-letters/" + letter.path("id").asText() + "/retry", Map.of());
        assertThat(stillFailing.status()).isEqualTo(200);
        assertThat(stillFailing.body().path("processed").asBoolean()).isFalse();
        assertThat(stillFailing.body().path("remaining").get(0).path("id").asText())
                .isEqualTo(letter.path("id").asText());

        fault.clear();
        long lastSequence = lettersOf(victim).stream().mapToLong(l -> l.path("sequenceNumber").asLong()).max()
                .orElseThrow();
        Response retried = api().post("/admin/dead-letters/" + letter.path("id").asText() + "/retry", Map.of());

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().path("processed").asBoolean()).isTrue();
        assertThat(retried.body().path("remaining")).isEmpty();
        Response healed = api().get(victim.path());
        assertThat(healed.text("status")).isEqualTo("COMPLETED");
        assertThat(healed.body().has("upToDate")).isFalse();
        assertThat(healed.body().path("version").asLong()).isEqualTo(lastSequence);
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void aRetryWithTheSameKeyOfACommandRecordedButNotYetShownDoesNotRepeatIt() {
        IssuedPrescription victim = issued(issue(unique("HOSP")));
        fault.failOnAcceptanceOf(victim.id());
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        Map<String, Object> acceptance = accept(victim.exchangeCode(), BIRTH_DATE, "PH-A");

        Response first = api().post("/prescriptions/accept", acceptance, key);
        Response retry = api().post("/prescriptions/accept", acceptance, key);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.text("status")).isEqualTo("ACCEPTED");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(events.count(victim.id(), "PrescriptionAccepted")).as("recorded once").isEqualTo(1);
    }

    @Test
    void retryingAnUnknownLetterIsNotFound() {
        Response retried = api().post("/admin/dead-letters/no-such-letter/retry", Map.of());

        assertThat(retried.status()).isEqualTo(404);
        assertThat(retried.contentType()).startsWith("application/problem+json");
    }

    private List<JsonNode> lettersOf(IssuedPrescription prescription) {
        return deadLetters().stream()
                .filter(letter -> letter.path("aggregateIdentifier").asText().equals(prescription.id()))
                .toList();
    }

    @Test
    void anIssueWhoseAlertProjectionIsDeadLetteredStillAnswersTheAlertsItsCheckRecorded() {
        String patient = unique("PAT");
        issued(issueFor(patient, unique("HOSP"), AMLODIPINE_BRAND, 28));
        issued(issueFor(patient, unique("HOSP"), AMLODIPINE_BRAND, 28));
        alertFault.failOnChecksOf(patient);

        Response third = api().post("/prescriptions", issueFor(patient, unique("HOSP"), AMLODIPINE_BRAND, 28));

        assertThat(third.status()).as(third.toString()).isEqualTo(201);
        assertThat(third.body().path("alerts")).as("never an empty list because a view lags").hasSize(1);
        assertThat(third.body().path("alerts").get(0).path("conflicts")).hasSize(2);
        assertThat(third.body().path("alertCheck").path("performed").asBoolean()).isTrue();
        await().atMost(WAIT).until(() -> deadLetters().stream().anyMatch(letter ->
                letter.path("processingGroup").asText().equals("medication-alerts")
                        && letter.path("aggregateIdentifier").asText().equals(third.text("prescriptionId"))));
        Response read = api().get("/prescriptions/" + third.text("prescriptionId"));
        assertThat(read.text("status")).as("the view goes on").isEqualTo("ISSUED");
        assertThat(read.body().path("upToDate").isBoolean()).as(read.toString()).isTrue();
        assertThat(read.body().path("upToDate").asBoolean())
                .as("its alerts may miss what the dead-lettered check raised: the read says so").isFalse();
        Response patientsAlerts = api().get("/patients/" + patient + "/alerts");
        assertThat(patientsAlerts.body().path("upToDate").isBoolean()).as(patientsAlerts.toString()).isTrue();
        assertThat(patientsAlerts.body().path("upToDate").asBoolean()).isFalse();
        for (String list : List.of("/medications", "/prescriptions")) {
            Response patientsList = api().get("/patients/" + patient + list);
            assertThat(patientsList.status()).as(patientsList.toString()).isEqualTo(200);
            assertThat(patientsList.body().path("upToDate").isBoolean())
                    .as("the patient's " + list + " may miss what the letter holds: " + patientsList).isTrue();
            assertThat(patientsList.body().path("upToDate").asBoolean()).isFalse();
        }
        Response otherPatient = api().get(issued(issue(unique("HOSP"))).path());
        assertThat(otherPatient.body().has("upToDate")).as("said only when false").isFalse();
    }

    private List<JsonNode> deadLetters() {
        Response list = api().get("/admin/dead-letters");
        assertThat(list.status()).isEqualTo(200);
        return StreamSupport.stream(list.body().path("deadLetters").spliterator(), false).toList();
    }
}

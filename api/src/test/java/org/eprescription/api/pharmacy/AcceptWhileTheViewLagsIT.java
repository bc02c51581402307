package org.eprescription.api.pharmacy;

import org.eprescription.api.support.ViewProjectionSegments;
import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IssuedPrescription;
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
import static org.eprescription.api.support.Prescriptions.METFORMIN;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * An accept, and a refusal of the holding pharmacy's command, do not depend on the prescription view having taken in
 * the prescription: the code is looked up where the issue's own transaction left it (live-exchange-code), the birth
 * date and the caller's part read from the events when the view lacks them (docs/domain.md, "The exchange code").
 */
class AcceptWhileTheViewLagsIT extends ExchangeIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    private ProjectionFault fault;

    @Autowired
    private StoredEvents events;

    @AfterEach
    void projectionRunsAndHealsAgain() {
        fault.clear();
        ViewProjectionSegments.awaitBothClaimed(api());
        for (JsonNode letter : deadLetters()) {
            api().post("/admin/dead-letters/" + letter.path("id").asText() + "/retry", Map.of());
        }
    }

    @Test
    void aPrescriptionWhosePatientsEventsAreDeadLetteredIsAcceptedWithItsCode() {
        String patient = unique("PAT");
        IssuedPrescription first = issued(issueFor(patient, unique("HOSP"), AMLODIPINE_BRAND, 28));
        fault.failOnAcceptanceOf(first.id());
        assertThat(api().post("/prescriptions/accept", accept(first.exchangeCode(), BIRTH_DATE, "PH-A")).status())
                .isEqualTo(200);
        await().atMost(WAIT).until(() -> !deadLetters().isEmpty());
        IssuedPrescription second = issued(issueFor(patient, unique("HOSP"), METFORMIN, 28));
        assertThat(api().get(second.path()).header("Answered-From-Events"))
                .as("the view holds the patient's later events back").isEqualTo("true");
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        Map<String, Object> acceptance = accept(second.exchangeCode(), BIRTH_DATE, "PH-B");

        Response accepted = api().post("/prescriptions/accept", acceptance, key);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.text("prescriptionId")).isEqualTo(second.id());
        assertThat(accepted.text("status")).isEqualTo("ACCEPTED");
        fault.clear();
        for (JsonNode letter : deadLetters()) {
            api().post("/admin/dead-letters/" + letter.path("id").asText() + "/retry", Map.of());
        }
        Response retried = api().post("/prescriptions/accept", acceptance, key);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.body()).isEqualTo(accepted.body());
        assertThat(events.count(second.id(), "PrescriptionAccepted")).as("recorded once").isEqualTo(1);
    }

    @Test
    void aWrongBirthDateIsStillTheOneNotFoundWhenTheViewLacksThePrescription() {
        String patient = unique("PAT");
        IssuedPrescription first = issued(issueFor(patient, unique("HOSP"), AMLODIPINE_BRAND, 28));
        fault.failOnAcceptanceOf(first.id());
        api().post("/prescriptions/accept", accept(first.exchangeCode(), BIRTH_DATE, "PH-A"));
        await().atMost(WAIT).until(() -> !deadLetters().isEmpty());
        IssuedPrescription second = issued(issueFor(patient, unique("HOSP"), METFORMIN, 28));

        Response wrong = api().post("/prescriptions/accept",
                accept(second.exchangeCode(), BIRTH_DATE.plusDays(1), "PH-C"));
        Response unknown = api().post("/prescriptions/accept", accept("1111-2222-3333-4444", BIRTH_DATE, "PH-C"));

        assertRefused(wrong, 404, "UNKNOWN_EXCHANGE_CODE");
        assertRefused(unknown, 404, "UNKNOWN_EXCHANGE_CODE");
        for (String field : List.of("type", "title", "detail")) {
            assertThat(wrong.text(field)).as(field).isEqualTo(unknown.text(field));
        }
        assertThat(events.count(second.id(), "PrescriptionAccepted")).isZero();
    }

    @Test
    void anAcceptStraightAfterTheIssueWhileTheViewIsHeldBackIsAnswered() {
        Map<String, Object> body = issue(unique("HOSP"));
        ViewProjectionSegments.pauseTheProjection(api());
        Response issuedDuringLag = api().post("/prescriptions", body);
        assertThat(issuedDuringLag.status()).as(issuedDuringLag.toString()).isEqualTo(201);

        Response accepted = api().post("/prescriptions/accept",
                accept(issuedDuringLag.text("exchangeCode"), BIRTH_DATE, "PH-LAG"));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.text("status")).isEqualTo("ACCEPTED");
        assertThat(accepted.header("Answered-From-Events")).isEqualTo("true");
        assertThat(events.count(body.get("prescriptionId").toString(), "PrescriptionAccepted")).isEqualTo(1);
    }

    @Test
    void theHoldingPharmacyWhoseAcceptanceIsDeadLetteredGetsItsRefusalNotForbidden() {
        IssuedPrescription held = issued(issue(unique("HOSP")));
        fault.failOnAcceptanceOf(held.id());
        assertThat(api().post("/prescriptions/accept", accept(held.exchangeCode(), BIRTH_DATE, "PH-A")).status())
                .isEqualTo(200);
        await().atMost(WAIT).until(() -> !deadLetters().isEmpty());
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        Map<String, Object> tooMuch = dispense("PH-A", true, item(1, AMLODIPINE_BRAND, 56, 28));

        Response refused = api().post(held.path() + "/dispense", tooMuch, key);
        Response stranger = api().post(held.path() + "/dispense",
                dispense("PH-Z", true, item(1, AMLODIPINE_BRAND, 56, 28)));

        assertRefused(refused, 422, "QUANTITY_EXCEEDS_REMAINING");
        assertThat(stranger.status()).as("another pharmacy learns nothing: " + stranger).isEqualTo(403);
        fault.clear();
        for (JsonNode letter : deadLetters()) {
            api().post("/admin/dead-letters/" + letter.path("id").asText() + "/retry", Map.of());
        }
        assertRefused(api().post(held.path() + "/dispense", tooMuch, key), 422, "QUANTITY_EXCEEDS_REMAINING");
    }

    private List<JsonNode> deadLetters() {
        Response list = api().get("/admin/dead-letters");
        assertThat(list.status()).isEqualTo(200);
        return StreamSupport.stream(list.body().path("deadLetters").spliterator(), false).toList();
    }
}

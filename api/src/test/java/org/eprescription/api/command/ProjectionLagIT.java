package org.eprescription.api.command;

import org.eprescription.api.support.ViewProjectionSegments;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IssuedPrescription;
import org.eprescription.api.support.StoredEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * A command recorded while the projection lags (its segments released, as lag under load would leave it) is answered
 * as done, from the prescription's own events, and a client that repeats only what docs/http-api.md calls "not done" (a 5xx)
 * never records it twice (docs/http-api.md, "Retries").
 */
class ProjectionLagIT extends ExchangeIntegrationTest {

    @Autowired
    private StoredEvents events;

    @AfterEach
    void projectionRunsAgain() {
        ViewProjectionSegments.awaitBothClaimed(api());
    }

    @Test
    void commandsRecordedWhileTheViewLagsAreAnsweredAsDoneAndNeverRecordedTwice() {
        IssuedPrescription held = acceptedBy("PH-LAG");
        Map<String, Object> issueBody = issue(unique("HOSP"));
        ViewProjectionSegments.pauseTheProjection(api());

        // a dispensing without a key, by a client that resends what docs/http-api.md's status table calls "not done" (5xx)
        Map<String, Object> half = dispense("PH-LAG", false, item(1, AMLODIPINE_BRAND, 14, 14));
        Response first = api().post(held.path() + "/dispense", half);
        if (first.status() >= 500) {
            api().post(held.path() + "/dispense", half);
        }
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.header("Answered-From-Events")).isEqualTo("true");
        assertThat(first.text("status")).isEqualTo("ACCEPTED");
        assertThat(first.body().path("dispensings")).hasSize(1);
        assertThat(first.body().path("lines").get(0).path("dispensedQuantity").decimalValue()).isEqualByComparingTo("14");
        assertThat(first.body().has("alertCheck")).as("the dispensing's check, from the command").isTrue();
        assertThat(events.count(held.id(), "PrescriptionDispensed")).as("14 tablets recorded once").isEqualTo(1);
        assertThat(events.count(held.id(), "PrescriptionCompleted")).isZero();

        // an issue: 201 with the exchange code, and the issuing prescriber reads it (not 403)
        Response issuedDuringLag = api().post("/prescriptions", issueBody);
        assertThat(issuedDuringLag.status()).as(issuedDuringLag.toString()).isEqualTo(201);
        assertThat(issuedDuringLag.header("Answered-From-Events")).isEqualTo("true");
        assertThat(issuedDuringLag.text("exchangeCode")).matches("\\d{4}-\\d{4}-\\d{4}-\\d{4}");
        assertThat(issuedDuringLag.text("status")).isEqualTo("ISSUED");
        assertThat(issuedDuringLag.location()).endsWith("/prescriptions/" + issueBody.get("prescriptionId"));
        @SuppressWarnings("unchecked")
        Map<String, Object> prescriber = (Map<String, Object>) issueBody.get("prescriber");
        Response readByPrescriber = api().as(Identity.prescriber(prescriber.get("id").toString(),
                prescriber.get("institutionId").toString())).get("/prescriptions/" + issueBody.get("prescriptionId"));
        assertThat(readByPrescriber.status()).as(readByPrescriber.toString()).isEqualTo(200);
        assertThat(readByPrescriber.text("status")).isEqualTo("ISSUED");

        // a read after the answer shows the dispensing, saying the projection has not caught up
        Response read = api().as(Identity.pharmacist("PH-LAG")).get(held.path());
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.body().path("dispensings")).hasSize(1);
        assertThat(read.body().path("upToDate").asBoolean(true)).isFalse();
        assertThat(read.header("Answered-From-Events")).isEqualTo("true");

        // with a key: the rest, answered as done, and a retry gets that answer
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        Response rest = api().post(held.path() + "/dispense", half, key);
        Response retry = api().post(held.path() + "/dispense", half, key);
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        assertThat(rest.text("status")).isEqualTo("COMPLETED");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.header("Answered-From-Events")).as("the kept answer was built from the events, and says so again")
                .isEqualTo(rest.header("Answered-From-Events")).isEqualTo("true");
        assertThat(retry.body()).isEqualTo(rest.body());
        assertThat(events.count(held.id(), "PrescriptionDispensed")).isEqualTo(2);
        assertThat(events.count(held.id(), "PrescriptionCompleted")).isEqualTo(1);
    }
}

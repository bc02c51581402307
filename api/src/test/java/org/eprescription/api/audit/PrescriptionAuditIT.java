package org.eprescription.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IssuedPrescription;
import org.eprescription.api.support.Prescriptions;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.unique;

class PrescriptionAuditIT extends ExchangeIntegrationTest {

    @Test
    void theEventsOfAPrescriptionComeFromTheStoreInOrderWithWhoDidIt() {
        IssuedPrescription rx = acceptedBy("PH-A");
        api().post(rx.path() + "/dispense", dispense("PH-A", true, item(1, AMLODIPINE_BRAND, 28, 28)));

        Response events = api().get("/audit" + rx.path() + "/events");

        assertThat(events.status()).isEqualTo(200);
        assertThat(field(events.body(), "type")).containsExactly("PrescriptionIssued", "InteractionCheckCompleted",
                "PrescriptionAccepted", "PrescriptionDispensed", "PrescriptionCompleted", "InteractionCheckCompleted");
        assertThat(field(events.body(), "sequence")).containsExactly("0", "1", "2", "3", "4", "5");
        JsonNode issuedEvent = events.body().get(0);
        assertThat(issuedEvent.path("payload").path("prescriptionId").asText()).isEqualTo(rx.id());
        assertThat(issuedEvent.path("payload").path("patient").path("birthDate").asText())
                .isEqualTo(BIRTH_DATE.toString());
        assertThat(issuedEvent.path("timestamp").asText()).isNotBlank();
        JsonNode issuedBy = issuedEvent.path("metadata");
        assertThat(issuedBy.path("actorRole").asText()).isEqualTo("PRESCRIBER");
        assertThat(issuedBy.path("actorOrganisation").asText()).isEqualTo(rx.institutionId());
        assertThat(issuedBy.path("correlationId").asText()).isNotBlank();
        JsonNode acceptedBy = events.body().get(2).path("metadata");
        assertThat(acceptedBy.path("actorId").asText()).isEqualTo("RPH-PH-A");
        assertThat(acceptedBy.path("actorRole").asText()).isEqualTo("PHARMACIST");
        assertThat(acceptedBy.path("actorOrganisation").asText()).isEqualTo("PH-A");
    }

    @Test
    void aRegisteredDispensingIsNoPrescriptionToTheAuditEndpoints() {
        String recordId = Prescriptions.registeredDispensing(api());

        Response events = api().get("/audit/prescriptions/" + recordId + "/events");
        Response state = api().get("/audit/prescriptions/" + recordId + "/state?asOf=" + Instant.now());

        assertThat(events.status()).as(events.toString()).isEqualTo(404);
        assertThat(events.text("type")).isEqualTo("/problems/not-found");
        assertThat(state.status()).as(state.toString()).isEqualTo(404);
        assertThat(state.text("type")).isEqualTo("/problems/not-found");
    }

    @Test
    void theEventsOfAnUnknownPrescriptionAreNotFound() {
        Response events = api().get("/audit/prescriptions/" + UUID.randomUUID() + "/events");

        assertThat(events.status()).isEqualTo(404);
        assertThat(events.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theStateAsOfAnInstantIsRebuiltFromTheEventsStoredUntilThen() {
        IssuedPrescription rx = acceptedBy("PH-A");
        api().post(rx.path() + "/dispense", dispense("PH-A", true, item(1, AMLODIPINE_BRAND, 28, 28)));
        JsonNode events = api().get("/audit" + rx.path() + "/events").body();
        // issued, its interaction check, accepted, dispensed, ...
        Instant issuedAt = Instant.parse(events.get(0).path("timestamp").asText());
        Instant acceptedAt = Instant.parse(events.get(2).path("timestamp").asText());
        Instant dispensedAt = Instant.parse(events.get(3).path("timestamp").asText());
        assertThat(issuedAt).isBefore(acceptedAt);
        assertThat(acceptedAt).isBefore(dispensedAt);

        assertThat(stateAsOf(rx, issuedAt.minusNanos(1)).status()).as("before its first event").isEqualTo(404);
        Response justIssued = stateAsOf(rx, issuedAt);
        assertThat(justIssued.status()).isEqualTo(200);
        assertThat(justIssued.text("status")).isEqualTo("ISSUED");
        assertThat(justIssued.text("prescriptionId")).isEqualTo(rx.id());
        assertThat(justIssued.body().has("alerts")).isFalse();
        assertThat(stateAsOf(rx, acceptedAt.minusNanos(1)).text("status")).isEqualTo("ISSUED");
        Response accepted = stateAsOf(rx, acceptedAt);
        assertThat(accepted.text("status")).isEqualTo("ACCEPTED");
        assertThat(accepted.text("pharmacyId")).isEqualTo("PH-A");
        assertThat(accepted.body().path("dispensings").size()).isZero();
        assertThat(stateAsOf(rx, dispensedAt.minusNanos(1)).text("status")).isEqualTo("ACCEPTED");
        Response now = stateAsOf(rx, Instant.now().plusSeconds(60));
        assertThat(now.text("status")).isEqualTo("COMPLETED");
        assertThat(now.body().path("dispensings").size()).isEqualTo(1);
        // issued, check, accepted, dispensed, completed, check
        assertThat(now.body().path("version").asLong()).isEqualTo(5);
    }

    @Test
    void aMalformedInstantIsABadRequest() {
        IssuedPrescription rx = issued(issue(unique("HOSP")));

        Response state = api().get("/audit" + rx.path() + "/state?asOf=yesterday");

        assertThat(state.status()).isEqualTo(400);
        assertThat(state.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theStateOfAnUnknownPrescriptionIsNotFound() {
        assertThat(api().get("/audit/prescriptions/" + UUID.randomUUID() + "/state?asOf=" + Instant.now()).status())
                .isEqualTo(404);
    }

    private Response stateAsOf(IssuedPrescription rx, Instant asOf) {
        return api().get("/audit" + rx.path() + "/state?asOf=" + asOf);
    }

    private static List<String> field(JsonNode array, String name) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.path(name).asText()));
        return values;
    }
}

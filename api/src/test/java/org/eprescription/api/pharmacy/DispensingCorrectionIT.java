package org.eprescription.api.pharmacy;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IssuedPrescription;
import org.eprescription.api.support.SseClient;
import org.eprescription.api.support.SseClient.Event;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_GENERIC;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * Correcting and withdrawing a dispensing over HTTP on PostgreSQL (docs/domain.md, "Correcting a dispensing"): the
 * prescription view, the pharmacy's live view, the medication list and the alerts follow, and a rebuild of both
 * projections gives the same rows.
 */
class DispensingCorrectionIT extends ExchangeIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    private Response dispensed(IssuedPrescription prescription, String pharmacy, boolean completesUse,
                               Map<String, Object> item) {
        Response dispensed = dispensing(prescription, pharmacy, completesUse, item);
        assertThat(dispensed.status()).as(dispensed.toString()).isEqualTo(200);
        return dispensed;
    }

    /** A new prescription of one line, accepted by the pharmacy and dispensed once. */
    private IssuedPrescription dispensedBy(String pharmacy, boolean completesUse, Map<String, Object> item) {
        IssuedPrescription prescription = issued(issue(unique("HOSP")));
        accepted(prescription, pharmacy);
        dispensed(prescription, pharmacy, completesUse, item);
        return prescription;
    }

    private Response correct(IssuedPrescription prescription, int sequence, String pharmacy,
                             List<Map<String, Object>> items) {
        Map<String, Object> body = new HashMap<>();
        body.put("reason", items == null ? "recorded against the wrong prescription" : "wrong quantity entered");
        body.put("pharmacyId", pharmacy);
        if (items != null) {
            body.put("items", items);
        }
        return api().as(Identity.pharmacist(pharmacy))
                .post(prescription.path() + "/dispensings/" + sequence + "/correct", body);
    }

    private List<JsonNode> coursesOf(String patient, String prescriptionId) {
        JsonNode list = api().get("/patients/" + patient + "/medications").body();
        List<JsonNode> courses = new ArrayList<>();
        list.path("current").forEach(courses::add);
        list.path("past").forEach(courses::add);
        return courses.stream().filter(c -> c.path("prescriptionId").asText().equals(prescriptionId)).toList();
    }

    private static String patientOf(IssuedPrescription prescription) {
        @SuppressWarnings("unchecked")
        Map<String, Object> patient = (Map<String, Object>) prescription.body().get("patient");
        return patient.get("id").toString();
    }

    @Test
    void aQuantityCorrectedOnTheDayChangesTheViewTheLiveViewAndTheCourse() {
        String pharmacy = unique("PH");
        IssuedPrescription prescription = dispensedBy(pharmacy, false, item(1, AMLODIPINE_BRAND, 14, 14));
        LocalDate today = clock.today();
        try (SseClient live = SseClient.open(port, "/pharmacies/" + pharmacy + "/dispensing-view/stream",
                objectMapper, null)) {
            assertThat(live.next(WAIT).name()).isEqualTo("snapshot");

            Response corrected = correct(prescription, 1, pharmacy, List.of(item(1, AMLODIPINE_GENERIC, 10, 10)));

            assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
            JsonNode dispensing = corrected.body().path("dispensings").get(0);
            assertThat(dispensing.path("sequence").asInt()).isEqualTo(1);
            assertThat(dispensing.path("status").asText()).isEqualTo("CORRECTED");
            assertThat(dispensing.path("items").get(0).path("quantity").decimalValue()).isEqualByComparingTo("10");
            assertThat(dispensing.path("items").get(0).path("drugCode").asText()).isEqualTo(AMLODIPINE_GENERIC);
            assertThat(dispensing.path("corrections").get(0).path("reason").asText())
                    .isEqualTo("wrong quantity entered");
            assertThat(dispensing.path("corrections").get(0).path("previousItems").get(0).path("quantity")
                    .decimalValue()).isEqualByComparingTo("14");
            assertThat(corrected.body().path("lines").get(0).path("dispensedQuantity").decimalValue())
                    .isEqualByComparingTo("10");
            assertThat(corrected.body().path("alertCheck").path("performed").asBoolean()).isTrue();

            Event change = live.next(event -> "change".equals(event.name()) && event.data().path("dispensings")
                    .path(0).path("status").asText().equals("CORRECTED"), WAIT);
            assertThat(change.data().path("prescriptionId").asText()).isEqualTo(prescription.id());
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(coursesOf(patientOf(prescription), prescription.id()))
                .singleElement().satisfies(course -> {
                    assertThat(course.path("drugCode").asText()).isEqualTo(AMLODIPINE_GENERIC);
                    assertThat(course.path("from").asText()).isEqualTo(today.toString());
                    assertThat(course.path("to").asText()).isEqualTo(today.plusDays(9).toString());
                }));
        // the correction is a fact of its own in the history
        List<String> types = new ArrayList<>();
        api().get("/audit" + prescription.path() + "/events").body()
                .forEach(event -> types.add(event.path("type").asText()));
        assertThat(types).contains("PrescriptionDispensed", "DispensingCorrected");
        // the remaining 18 can still be dispensed, not 19
        assertThat(api().post(prescription.path() + "/dispense", dispense(pharmacy, false,
                item(1, AMLODIPINE_BRAND, 19, 19))).status()).isEqualTo(422);
        dispensed(prescription, pharmacy, false, item(1, AMLODIPINE_BRAND, 18, 18));
        projectionsVerifyWithoutDifferences();
    }

    @Test
    void aWithdrawalStopsTheCourseAndResolvesTheAlertItsDispensingRaised() {
        String patient = unique("PAT");
        String pharmacy = unique("PH");
        // a short course issued first, valid for 12 days
        Map<String, Object> earlierBody = new HashMap<>(issueFor(patient, unique("HOSP"), AMLODIPINE_BRAND, 7));
        earlierBody.put("validUntil", clock.today().plusDays(12).toString());
        IssuedPrescription earlier = issued(earlierBody);
        clock.advance(Duration.ofDays(9));
        // nine days later another institution starts amlodipine: no overlap with the planned 7 days of the first
        IssuedPrescription later = issued(issueFor(patient, unique("HOSP"), AMLODIPINE_GENERIC, 28));
        assertThat(api().get(later.path()).body().path("alerts")).isEmpty();

        // the first one is only dispensed now, in part: its course moves onto the second's
        accepted(earlier, pharmacy);
        Response dispensed = dispensed(earlier, pharmacy, false, item(1, AMLODIPINE_BRAND, 3, 3));
        assertThat(dispensed.body().path("alerts")).as(dispensed.toString()).hasSize(1);
        String alertId = dispensed.body().path("alerts").get(0).path("alertId").asText();
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(alertOf(earlier.id(), alertId).path("status").asText()).isEqualTo("OPEN"));

        Response withdrawn = correct(earlier, 1, pharmacy, null);

        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
        assertThat(withdrawn.body().path("dispensings").get(0).path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.body().path("lines").get(0).path("dispensedQuantity").decimalValue())
                .isEqualByComparingTo("0");
        assertThat(withdrawn.body().path("status").asText()).isEqualTo("ACCEPTED");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(coursesOf(patient, earlier.id())).singleElement()
                    .satisfies(course -> assertThat(course.path("status").asText()).isEqualTo("STOPPED"));
            assertThat(alertOf(earlier.id(), alertId).path("status").asText()).isEqualTo("RESOLVED");
            assertThat(alertOf(later.id(), alertId).path("status").asText()).isEqualTo("RESOLVED");
        });

        // dispensed again, the same conflict is raised again
        Response again = dispensed(earlier, pharmacy, true, item(1, AMLODIPINE_BRAND, 7, 7));
        assertThat(again.body().path("alerts")).as(again.toString()).extracting(alert -> alert.path("alertId")
                .asText()).containsExactly(alertId);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(alertOf(earlier.id(), alertId).path("status").asText()).isEqualTo("OPEN"));
        projectionsVerifyWithoutDifferences();
    }

    @Test
    void aWithdrawalThatWouldReopenACompletedUseIsRefused() {
        String pharmacy = unique("PH");
        IssuedPrescription prescription = dispensedBy(pharmacy, true, item(1, AMLODIPINE_BRAND, 28, 28));

        Response refused = correct(prescription, 1, pharmacy, null);

        assertRefused(refused, 409, "USE_ALREADY_COMPLETED");
        // its quantity can still be corrected, by the pharmacy that no longer holds it
        Response corrected = correct(prescription, 1, pharmacy, List.of(item(1, AMLODIPINE_BRAND, 27, 28)));
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
        assertThat(corrected.body().path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void afterTheCancellationACorrectionMayLowerWhatTheUseHandedOutButNotRaiseIt() {
        String pharmacy = unique("PH");
        Map<String, Object> body = new HashMap<>(issue(unique("HOSP")));
        body.put("refills", 1);
        IssuedPrescription prescription = issued(body);
        accepted(prescription, pharmacy);
        Response requested = api().post(prescription.path() + "/cancel", Map.of("reason", "stop the amlodipine"),
                prescriberHeaders(prescription.institutionId()));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(200);
        // the pharmacy ends the use with the 10 tablets it handed out: the prescription is cancelled right after
        Response ended = dispensed(prescription, pharmacy, true, item(1, AMLODIPINE_BRAND, 10, 10));
        assertThat(ended.body().path("status").asText()).isEqualTo("CANCELLED");

        Response raised = correct(prescription, 1, pharmacy, List.of(item(1, AMLODIPINE_BRAND, 28, 28)));

        assertRefused(raised, 409, "SUPPLY_STOPPED_BY_CANCELLATION");
        assertThat(raised.contentType()).startsWith("application/problem+json");
        assertThat(raised.body().path("type").asText()).isEqualTo("/problems/supply-stopped-by-cancellation");
        assertThat(api().get(prescription.path()).body().path("lines").get(0).path("dispensedQuantity")
                .decimalValue()).isEqualByComparingTo("10");
        Response lowered = correct(prescription, 1, pharmacy, List.of(item(1, AMLODIPINE_BRAND, 8, 8)));
        assertThat(lowered.status()).as(lowered.toString()).isEqualTo(200);
        assertThat(lowered.body().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(lowered.body().path("lines").get(0).path("dispensedQuantity").decimalValue())
                .isEqualByComparingTo("8");
    }

    private JsonNode alertOf(String prescriptionId, String alertId) {
        for (JsonNode alert : api().get("/prescriptions/" + prescriptionId).body().path("alerts")) {
            if (alert.path("alertId").asText().equals(alertId)) {
                return alert;
            }
        }
        throw new AssertionError("no alert " + alertId + " on " + prescriptionId);
    }

    @Test
    void theNextDayACorrectionIsRefused() {
        String pharmacy = unique("PH");
        IssuedPrescription prescription = dispensedBy(pharmacy, false, item(1, AMLODIPINE_BRAND, 14, 14));
        clock.advance(Duration.ofDays(1));

        Response refused = correct(prescription, 1, pharmacy, List.of(item(1, AMLODIPINE_BRAND, 10, 10)));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().path("type").asText()).isEqualTo("/problems/correction-day-passed");
        assertThat(api().get(prescription.path()).body().path("dispensings").get(0).path("status").asText())
                .isEqualTo("RECORDED");
    }

    @Test
    void anotherPharmacyIsForbiddenAndAnUnknownDispensingIsNotFound() {
        String pharmacy = unique("PH");
        IssuedPrescription prescription = dispensedBy(pharmacy, false, item(1, AMLODIPINE_BRAND, 14, 14));

        assertThat(correct(prescription, 1, unique("PH"), null).status()).isEqualTo(403);
        Response unknown = correct(prescription, 2, pharmacy, null);
        assertRefused(unknown, 404, "UNKNOWN_DISPENSING");
        Response tooMuch = correct(prescription, 1, pharmacy, List.of(item(1, AMLODIPINE_BRAND, 29, 28)));
        assertThat(tooMuch.status()).as(tooMuch.toString()).isEqualTo(422);
    }
}

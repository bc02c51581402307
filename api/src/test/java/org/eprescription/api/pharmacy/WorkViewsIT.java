package org.eprescription.api.pharmacy;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IssuedPrescription;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_GENERIC;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.line;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;

/** The pharmacy's queue, the institution's list and the service desk's stuck work, read over HTTP. */
class WorkViewsIT extends ExchangeIntegrationTest {

    private static List<String> ids(JsonNode list) {
        List<String> ids = new java.util.ArrayList<>();
        list.forEach(view -> ids.add(view.path("prescriptionId").asText()));
        return ids;
    }

    @Test
    void aPharmacySeesWhatItHoldsWithCancellationRequestsAndOpenAlertsAndWhatItDispensedToday() {
        String pharmacy = unique("PH");
        Map<String, Object> first = issue(unique("HOSP"));
        Map<String, Object> duplicate = issue(unique("HOSP"));
        duplicate.put("patient", first.get("patient"));
        duplicate.put("lines", List.of(line(1, AMLODIPINE_GENERIC, 28, 28)));
        IssuedPrescription dispensed = issued(first);
        IssuedPrescription withAlert = issued(duplicate);
        IssuedPrescription toCancel = issued(issue(unique("HOSP")));
        accepted(dispensed, pharmacy);
        api().post(dispensed.path() + "/dispense", dispense(pharmacy, true, item(1, AMLODIPINE_BRAND, 28, 28)));
        accepted(withAlert, pharmacy);
        accepted(toCancel, pharmacy);
        api().post(toCancel.path() + "/cancel", Map.of("reason", "wrong patient"),
                prescriberHeaders(toCancel.institutionId()));

        HttpApi.Response view = api().get("/pharmacies/" + pharmacy + "/dispensing-view");

        assertThat(view.status()).isEqualTo(200);
        assertThat(view.text("pharmacyId")).isEqualTo(pharmacy);
        assertThat(ids(view.body().path("held"))).containsExactly(withAlert.id(), toCancel.id());
        JsonNode held = view.body().path("held");
        assertThat(held.get(0).path("alerts").get(0).path("type").asText()).isEqualTo("SAME_INGREDIENT");
        assertThat(held.get(0).path("alerts").get(0).path("status").asText()).isEqualTo("OPEN");
        assertThat(held.get(1).path("cancellationRequested").asBoolean()).isTrue();
        assertThat(ids(view.body().path("dispensedToday"))).containsExactly(dispensed.id());
        assertThat(view.body().path("dispensedToday").get(0).path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void anInstitutionSeesItsIssuedPrescriptionsWithStatusAndOpenAlerts() {
        String institution = unique("HOSP");
        Map<String, Object> first = issue(institution);
        Map<String, Object> duplicate = issue(institution);
        duplicate.put("patient", first.get("patient"));
        duplicate.put("lines", List.of(line(1, AMLODIPINE_GENERIC, 28, 28)));
        IssuedPrescription original = issued(first);
        IssuedPrescription withAlert = issued(duplicate);
        api().post(original.path() + "/cancel", Map.of("reason", "replaced"), prescriberHeaders(institution));

        // the alert projection resolves the later prescription's alert a moment after the cancellation
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            HttpApi.Response list = api().get("/institutions/" + institution + "/prescriptions");

            assertThat(list.status()).isEqualTo(200);
            assertThat(list.text("institutionId")).isEqualTo(institution);
            JsonNode prescriptions = list.body().path("prescriptions");
            assertThat(ids(prescriptions)).containsExactlyInAnyOrder(original.id(), withAlert.id());
            for (JsonNode prescription : prescriptions) {
                boolean cancelled = prescription.path("prescriptionId").asText().equals(original.id());
                assertThat(prescription.path("status").asText()).isEqualTo(cancelled ? "CANCELLED" : "ISSUED");
                // the cancellation resolved the alert on the later prescription: only open alerts are listed
                assertThat(prescription.path("alerts")).isEmpty();
            }
        });
    }

    @Test
    void stuckPrescriptionsAreThoseHeldLongerThanAskedWithoutADispensing() {
        String pharmacy = unique("PH");
        IssuedPrescription stuck = issued(issue(unique("HOSP")));
        IssuedPrescription dispensedSince = issued(issue(unique("HOSP")));
        IssuedPrescription justAccepted = issued(issue(unique("HOSP")));
        accepted(stuck, pharmacy);
        accepted(dispensedSince, pharmacy);
        clock.advance(Duration.ofHours(1));
        api().post(dispensedSince.path() + "/dispense", dispense(pharmacy, false, item(1, AMLODIPINE_BRAND, 7, 7)));
        accepted(justAccepted, pharmacy);

        HttpApi.Response found = api().get("/admin/stuck-prescriptions?heldFor=PT30M");

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.text("heldFor")).isEqualTo("PT30M");
        List<String> ids = ids(found.body().path("prescriptions"));
        assertThat(ids).contains(stuck.id()).doesNotContain(dispensedSince.id(), justAccepted.id());
        assertThat(found.body().path("prescriptions").findValues("heldSince")).allSatisfy(value ->
                assertThat(value.isNull()).isFalse());

        // the service desk may read it too (docs/http-api.md), and every read of it is in the patients' access logs
        HttpApi.Response byTheDesk = api().as(Identity.serviceDesk()).get("/admin/stuck-prescriptions?heldFor=PT30M");
        assertThat(byTheDesk.status()).as(byTheDesk.toString()).isEqualTo(200);
        assertThat(ids(byTheDesk.body().path("prescriptions"))).contains(stuck.id());
        String patient = ((java.util.Map<?, ?>) stuck.body().get("patient")).get("id").toString();
        List<String> log = new java.util.ArrayList<>();
        api().as(Identity.patient(patient)).get("/patients/" + patient + "/access-log").body().path("entries")
                .forEach(entry -> log.add(entry.path("role").asText() + " " + entry.path("what").asText()));
        assertThat(log).contains("AUDITOR stuck prescriptions", "SERVICE_DESK stuck prescriptions");
    }

    @Test
    void aHeldForThatIsNotAPositiveDurationIsRefused() {
        for (String heldFor : List.of("PT-1H", "PT0S", "two-days", "PT100000000000000000S", "P3661D")) {
            HttpApi.Response refused = api().get("/admin/stuck-prescriptions?heldFor=" + heldFor);
            assertThat(refused.status()).as(heldFor).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
    }
}

package org.eprescription.api.alerts;

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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_GENERIC;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.VALSARTAN_AMLODIPINE;
import static org.eprescription.api.support.Prescriptions.ZOLPIDEM;
import static org.eprescription.api.support.Prescriptions.ZOLPIDEM_GENERIC;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.line;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;
import static org.eprescription.api.support.Prescriptions.LOXOPROFEN_TABLET;
import static org.eprescription.api.support.Prescriptions.TRIAZOLAM;
import static org.eprescription.api.support.Prescriptions.ITRACONAZOLE;
import static org.eprescription.api.support.Prescriptions.METFORMIN;

/** docs/domain.md, "Duplicate and interaction alerts", scenario by scenario over HTTP on PostgreSQL. */
class AlertScenariosIT extends ExchangeIntegrationTest {

    static final String LOXOPROFEN_PATCH = "2649735S1028";

    private final String patient = unique("PAT");

    @Test
    void aGenericOfTheSameIngredientFromAnotherHospitalRaisesSameIngredient() {
        IssuedPrescription first = issue("HOSP-A", AMLODIPINE_BRAND, 28);
        Response second = api().post("/prescriptions", body("HOSP-B", AMLODIPINE_GENERIC, 28));

        JsonNode alert = onlyAlert(second.body());
        assertThat(alert.path("type").asText()).isEqualTo("SAME_INGREDIENT");
        assertThat(alert.path("severity").asText()).isEqualTo("HIGH");
        assertThat(alert.path("status").asText()).isEqualTo("OPEN");
        assertThat(alert.path("ingredient").asText()).isEqualTo("amlodipine");
        assertThat(alert.path("lineNumber").asInt()).isEqualTo(1);
        assertThat(alert.path("conflicts")).hasSize(1);
        JsonNode conflict = alert.path("conflicts").get(0);
        assertThat(conflict.path("drugCode").asText()).isEqualTo(AMLODIPINE_BRAND);
        assertThat(conflict.path("sameProduct").asBoolean()).isFalse();
        assertThat(conflict.has("prescriptionId")).as("another institution's course, without consent").isFalse();
        assertThat(alertsOf(first.id())).as("the earlier prescription shows the alert the later one raised")
                .singleElement().satisfies(shown -> {
                    assertThat(shown.path("alertId").asText()).isEqualTo(alert.path("alertId").asText());
                    assertThat(shown.path("prescriptionId").isNull()).as("another institution's, without consent")
                            .isTrue();
                });

        setConsent(true);
        assertThat(alertsOf(second.text("prescriptionId")).get(0).path("conflicts").get(0).path("prescriptionId")
                .asText()).isEqualTo(first.id());
        assertThat(alertsOf(first.id()).get(0).path("prescriptionId").asText())
                .isEqualTo(second.text("prescriptionId"));
    }

    @Test
    void theSameProductIsASameIngredientAlertThatSaysSo() {
        JsonNode alert = sameIngredientAlertOfIssuingAfter(AMLODIPINE_BRAND, AMLODIPINE_BRAND);

        assertThat(alert.path("conflicts").get(0).path("sameProduct").asBoolean()).isTrue();
    }

    @Test
    void twelveZolpidemCoursesOfTwoProductsAreOneAlertWithTwelveConflicts() {
        for (int i = 1; i <= 12; i++) {
            issue("HOSP-" + i, i % 2 == 0 ? ZOLPIDEM : ZOLPIDEM_GENERIC, 30);
        }
        Response thirteenth = api().post("/prescriptions", body("HOSP-13", ZOLPIDEM, 14));

        JsonNode alert = onlyAlert(thirteenth.body());
        assertThat(alert.path("type").asText()).isEqualTo("SAME_INGREDIENT");
        assertThat(alert.path("ingredient").asText()).isEqualTo("zolpidem");
        assertThat(alert.path("conflicts")).hasSize(12);
        List<Boolean> sameProduct = new ArrayList<>();
        alert.path("conflicts").forEach(conflict -> sameProduct.add(conflict.path("sameProduct").asBoolean()));
        assertThat(sameProduct).containsOnly(true, false).filteredOn(Boolean::booleanValue).hasSize(6);
    }

    @Test
    void theIssueAnswerListsExactlyTheAlertsItsRecordedCheckHolds() {
        issue("HOSP-A", AMLODIPINE_BRAND, 28);
        issue("HOSP-A", TRIAZOLAM, 14);
        Map<String, Object> body = body("HOSP-B", AMLODIPINE_GENERIC, 28);
        body.put("lines", List.of(line(1, AMLODIPINE_GENERIC, 28, 28), line(2, ITRACONAZOLE, 14, 14)));
        Response issued = api().post("/prescriptions", body);

        JsonNode check = recordedCheck(issued.text("prescriptionId"), "ISSUE");
        assertThat(check.path("catalogueVersion").asText())
                .isEqualTo(issued.body().path("alertCheck").path("catalogueVersion").asText()).startsWith("sha256:");
        List<String> recorded = new ArrayList<>();
        check.path("alerts").forEach(alert -> recorded.add(alert.path("alertId").asText()));
        List<String> answered = new ArrayList<>();
        issued.body().path("alerts").forEach(alert -> answered.add(alert.path("alertId").asText()));
        assertThat(answered).hasSize(2).containsExactlyElementsOf(recorded);
        assertThat(check.path("courses")).hasSize(2);
    }

    @Test
    void aDispensingMovedIntoAnOverlapRaisesAnAlertRecordedAsAnEvent() {
        // issued today for 7 days: over by day 7
        Map<String, Object> earlierBody = body("HOSP-A", AMLODIPINE_BRAND, 7);
        earlierBody.put("validUntil", clock.today().plusDays(14).toString());
        IssuedPrescription earlier = issued(earlierBody);
        // another institution's amlodipine from day 10: no overlap with the planned course
        clock.advance(Duration.ofDays(10));
        Response other = api().post("/prescriptions", body("HOSP-B", AMLODIPINE_GENERIC, 28));
        assertThat(other.body().path("alerts")).isEmpty();

        api().post("/prescriptions/accept", accept(earlier.exchangeCode(), BIRTH_DATE, "PH-A"));
        Response dispensed = api().post(earlier.path() + "/dispense",
                dispense("PH-A", true, item(1, AMLODIPINE_BRAND, 7, 7)));

        assertThat(dispensed.status()).as(dispensed.toString()).isEqualTo(200);
        JsonNode alert = onlyAlert(dispensed.body());
        assertThat(alert.path("prescriptionId").asText()).isEqualTo(earlier.id());
        assertThat(alert.path("conflicts").get(0).path("prescriptionId").isMissingNode())
                .as("another institution's course, without consent: drug and period only").isTrue();
        assertThat(alert.path("conflicts").get(0).path("drugCode").asText()).isEqualTo(AMLODIPINE_GENERIC);
        assertThat(dispensed.body().path("alertCheck").path("performed").asBoolean()).isTrue();
        JsonNode check = recordedCheck(earlier.id(), "DISPENSING");
        assertThat(check.path("alerts")).hasSize(1);
        assertThat(check.path("alerts").get(0).path("alertId").asText()).isEqualTo(alert.path("alertId").asText());
        assertThat(alertsOf(other.text("prescriptionId"))).as("the other side sees it too")
                .extracting(shown -> shown.path("alertId").asText())
                .containsExactly(alert.path("alertId").asText());
    }

    @Test
    void theEarlierPrescriptionsPharmacyStreamShowsTheAlertALaterPrescriptionRaised() {
        IssuedPrescription earlier = issue("HOSP-A", AMLODIPINE_BRAND, 28);
        api().post("/prescriptions/accept", accept(earlier.exchangeCode(), BIRTH_DATE, "PH-S"));
        try (SseClient live = SseClient.open(port, "/pharmacies/PH-S/dispensing-view/stream", objectMapper, null)) {
            assertThat(live.next(Duration.ofSeconds(5)).name()).isEqualTo("snapshot");

            Response later = api().post("/prescriptions", body("HOSP-B", AMLODIPINE_GENERIC, 28));

            Event shown = live.next(event -> "change".equals(event.name())
                    && event.data().path("prescriptionId").asText().equals(earlier.id())
                    && event.data().path("alerts").size() == 1, Duration.ofSeconds(5));
            assertThat(shown.data().path("alerts").get(0).path("alertId").asText())
                    .isEqualTo(later.body().path("alerts").get(0).path("alertId").asText());
        }
    }

    @Test
    void thePharmacyThatDispensedTheEarlierPrescriptionTodaySeesTheAlertOnItsStream() {
        String pharmacy = unique("PH");
        IssuedPrescription earlier = issue("HOSP-A", AMLODIPINE_BRAND, 28);
        api().post("/prescriptions/accept", accept(earlier.exchangeCode(), BIRTH_DATE, pharmacy));
        api().post(earlier.path() + "/dispense", dispense(pharmacy, true, item(1, AMLODIPINE_BRAND, 28, 28)));
        try (SseClient live = SseClient.open(port, "/pharmacies/" + pharmacy + "/dispensing-view/stream",
                objectMapper, null)) {
            Event snapshot = live.next(Duration.ofSeconds(5));
            assertThat(snapshot.data().path("held")).isEmpty();
            assertThat(snapshot.data().path("dispensedToday")).hasSize(1);

            Response later = api().post("/prescriptions", body("HOSP-B", AMLODIPINE_GENERIC, 28));

            Event shown = live.next(event -> "change".equals(event.name())
                    && event.data().path("prescriptionId").asText().equals(earlier.id())
                    && event.data().path("alerts").size() == 1, Duration.ofSeconds(5));
            assertThat(shown.data().path("status").asText()).isEqualTo("COMPLETED");
            assertThat(shown.data().path("alerts").get(0).path("alertId").asText())
                    .isEqualTo(later.body().path("alerts").get(0).path("alertId").asText());
        }
    }

    @Test
    void cancellingAPrescriptionWhoseUseWasDispensedLeavesItsAlertOpen() {
        issue("HOSP-A", AMLODIPINE_BRAND, 56);
        Map<String, Object> refillable = body("HOSP-B", AMLODIPINE_GENERIC, 28);
        refillable.put("refills", 1);
        IssuedPrescription second = issued(refillable);
        api().post("/prescriptions/accept", accept(second.exchangeCode(), BIRTH_DATE, "PH-A"));
        api().post(second.path() + "/dispense", dispense("PH-A", true, item(1, AMLODIPINE_GENERIC, 28, 28)));

        Response cancelled = api().post(second.path() + "/cancel", Map.of("reason", "changed"),
                prescriberHeaders("HOSP-B"));

        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        assertThat(alertsOf(second.id())).as("the duplicate supply is with the patient").isNotEmpty()
                .allSatisfy(alert -> assertThat(alert.path("status").asText()).isEqualTo("OPEN"));
    }

    @Test
    void aCombinationProductDuplicatesOneOfItsIngredients() {
        JsonNode alert = sameIngredientAlertOfIssuingAfter(VALSARTAN_AMLODIPINE, AMLODIPINE_BRAND);

        assertThat(alert.path("ingredient").asText()).isEqualTo("amlodipine");
    }

    @Test
    void theSameIngredientByAnotherRouteIsNoDuplicate() {
        issue("HOSP-A", LOXOPROFEN_TABLET, 14);
        Response patch = api().post("/prescriptions", body("HOSP-B", LOXOPROFEN_PATCH, 14));

        assertThat(patch.body().path("alerts")).isEmpty();
    }

    @Test
    void contraindicatedPairsAlertInEitherOrder() {
        issue("HOSP-A", TRIAZOLAM, 14);
        Response antifungal = api().post("/prescriptions", body("HOSP-B", ITRACONAZOLE, 14));
        String otherPatient = unique("PAT");
        issued(withPatient(body("HOSP-A", ITRACONAZOLE, 14), otherPatient));
        Response hypnotic = api().post("/prescriptions", withPatient(body("HOSP-B", TRIAZOLAM, 14), otherPatient));

        assertThat(onlyAlert(antifungal.body()).path("type").asText()).isEqualTo("CONTRAINDICATED");
        assertThat(onlyAlert(hypnotic.body()).path("type").asText()).isEqualTo("CONTRAINDICATED");
        assertThat(onlyAlert(antifungal.body()).path("alertId").asText())
                .isNotEqualTo(onlyAlert(hypnotic.body()).path("alertId").asText());
    }

    @Test
    void periodsThatTouchConflictAndPeriodsThatDoNotOverlapDoNot() {
        issue("HOSP-A", AMLODIPINE_BRAND, 7);
        String lastDay = clock.today().plusDays(6).toString();
        String dayAfter = clock.today().plusDays(7).toString();

        Response touching = check(List.of(Map.of("drugCode", AMLODIPINE_GENERIC, "days", 7)), lastDay);
        Response apart = check(List.of(Map.of("drugCode", AMLODIPINE_GENERIC, "days", 7)), dayAfter);

        assertThat(touching.body().path("alerts")).hasSize(1);
        assertThat(touching.body().path("alerts").get(0).path("conflicts").get(0).path("to").asText())
                .isEqualTo(lastDay);
        assertThat(apart.body().path("alerts")).isEmpty();
    }

    @Test
    void linesOfOnePrescriptionAreCheckedAgainstEachOtherOnce() {
        Map<String, Object> body = body("HOSP-A", AMLODIPINE_BRAND, 28);
        body.put("lines", List.of(line(1, AMLODIPINE_BRAND, 28, 28), line(2, VALSARTAN_AMLODIPINE, 28, 28)));

        Response response = api().post("/prescriptions", body);

        JsonNode alert = onlyAlert(response.body());
        assertThat(alert.path("lineNumber").asInt()).isEqualTo(2);
        assertThat(alert.path("conflicts").get(0).path("lineNumber").asInt()).isEqualTo(1);
    }

    @Test
    void cancellingTheEarlierPrescriptionResolvesTheAlertWithoutDeletingIt() {
        IssuedPrescription first = issue("HOSP-A", AMLODIPINE_BRAND, 28);
        IssuedPrescription second = issued(body("HOSP-B", AMLODIPINE_GENERIC, 28));
        String alertId = alertsOf(second.id()).get(0).path("alertId").asText();

        api().post(first.path() + "/cancel", Map.of("reason", "replaced"), prescriberHeaders("HOSP-A"));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            List<JsonNode> alerts = alertsOf(second.id());
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).path("alertId").asText()).isEqualTo(alertId);
            assertThat(alerts.get(0).path("status").asText()).isEqualTo("RESOLVED");
        });
    }

    @Test
    void aCancelledPrescriptionsOwnAlertsAreResolved() {
        issue("HOSP-A", AMLODIPINE_BRAND, 28);
        IssuedPrescription second = issued(body("HOSP-B", AMLODIPINE_GENERIC, 28));

        api().post(second.path() + "/cancel", Map.of("reason", "duplicate"), prescriberHeaders("HOSP-B"));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(alertsOf(second.id()).get(0).path("status").asText()).isEqualTo("RESOLVED"));
    }

    @Test
    void aGenericSubstitutionAtDispensingMovesTheCourseToTheDispensedDrug() {
        IssuedPrescription first = issue("HOSP-A", AMLODIPINE_BRAND, 28);
        api().post("/prescriptions/accept", accept(first.exchangeCode(), BIRTH_DATE, "PH-A"));
        clock.advance(Duration.ofDays(2));
        api().post(first.path() + "/dispense", dispense("PH-A", true, item(1, AMLODIPINE_GENERIC, 28, 28)));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode course = coursesOf(first.id()).get(0);
            assertThat(course.path("drugCode").asText()).isEqualTo(AMLODIPINE_GENERIC);
            assertThat(course.path("from").asText()).isEqualTo(clock.today().toString());
            assertThat(course.path("status").asText()).isEqualTo("DISPENSED");
        });
        Response generic = api().post("/prescriptions", body("HOSP-B", AMLODIPINE_GENERIC, 28));
        JsonNode alert = onlyAlert(generic.body());
        assertThat(alert.path("type").asText()).isEqualTo("SAME_INGREDIENT");
        assertThat(alert.path("conflicts").get(0).path("sameProduct").asBoolean())
                .as("the patient now takes the generic itself").isTrue();
    }

    @Test
    void aRefillUseIsANewCourse() {
        Map<String, Object> body = body("HOSP-A", AMLODIPINE_BRAND, 28);
        body.put("refills", 1);
        IssuedPrescription rx = issued(body);
        api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, "PH-A"));
        api().post(rx.path() + "/dispense", dispense("PH-A", true, item(1, AMLODIPINE_BRAND, 28, 28)));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            List<JsonNode> courses = coursesOf(rx.id());
            assertThat(courses).hasSize(2);
            JsonNode refill = courses.stream().filter(c -> c.path("use").asInt() == 2).findFirst().orElseThrow();
            assertThat(refill.path("from").asText()).isEqualTo(clock.today().plusDays(28).toString());
            assertThat(refill.path("status").asText()).isEqualTo("PLANNED");
        });
    }

    @Test
    void withoutConsentTheOtherInstitutionAndPrescriberAreMasked() {
        issue("HOSP-A", AMLODIPINE_BRAND, 28);
        IssuedPrescription second = issued(body("HOSP-B", AMLODIPINE_GENERIC, 28));

        setConsent(true);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                alertsOf(second.id()).get(0).path("conflicts").get(0).path("institutionId").asText())
                .isEqualTo("HOSP-A"));
        setConsent(false);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode conflict = alertsOf(second.id()).get(0).path("conflicts").get(0);
            assertThat(conflict.has("institutionId")).as(conflict.toString()).isFalse();
            assertThat(conflict.has("prescriberId")).as(conflict.toString()).isFalse();
        });
        JsonNode patientAlerts = api().get("/patients/" + patient + "/alerts").body();
        assertThat(patientAlerts.path("alerts").get(0).path("conflicts").get(0).has("institutionId")).isFalse();
        assertThat(patientAlerts.path("alerts").get(0).path("type").asText()).as("the alert still fires")
                .isEqualTo("SAME_INGREDIENT");
    }

    @Test
    void manySourcesCollapseIntoOneAlert() {
        setConsent(true);
        List<String> sources = new ArrayList<>();
        for (int i = 1; i <= 29; i++) {
            sources.add(issue("HOSP-" + i, ZOLPIDEM, 30).id());
        }
        Response thirtieth = api().post("/prescriptions", body("HOSP-30", ZOLPIDEM, 30));

        JsonNode alert = onlyAlert(thirtieth.body());
        assertThat(alert.path("type").asText()).isEqualTo("SAME_INGREDIENT");
        assertThat(alert.path("conflicts")).hasSize(29);
        List<String> named = new ArrayList<>();
        alert.path("conflicts").forEach(c -> named.add(c.path("prescriptionId").asText()));
        assertThat(named).containsExactlyInAnyOrderElementsOf(sources);
    }

    @Test
    void aDraftCheckChangesNothingAndPredictsTheIdsThatCanBeAcknowledgedOnIssue() {
        issue("HOSP-A", AMLODIPINE_BRAND, 28);
        // a caller without a care relationship learns alert ids only with the patient's consent (docs/alerts.md)
        setConsent(true);
        String intendedId = UUID.randomUUID().toString();
        Response draft = api().post("/duplicate-checks", Map.of("patientId", patient, "prescriptionId", intendedId,
                "lines", List.of(Map.of("drugCode", AMLODIPINE_GENERIC, "days", 28))));
        String alertId = draft.body().path("alerts").get(0).path("alertId").asText();
        assertThat(coursesOf(intendedId)).as("the check wrote nothing").isEmpty();

        Map<String, Object> body = body("HOSP-B", AMLODIPINE_GENERIC, 28);
        body.put("prescriptionId", intendedId);
        body.put("acknowledgedAlerts", List.of(Map.of("alertId", alertId, "reason", "dose change agreed")));
        Response issued = api().post("/prescriptions", body);

        JsonNode alert = onlyAlert(issued.body());
        assertThat(alert.path("alertId").asText()).isEqualTo(alertId);
        assertThat(alert.path("acknowledgements").get(0).path("reason").asText()).isEqualTo("dose change agreed");
    }

    @Test
    void anAcknowledgementOfAnAlertAnotherPrescriptionRaisedNamesTheConflictsItCovers() {
        IssuedPrescription first = issue("HOSP-A", AMLODIPINE_BRAND, 28);
        issue("HOSP-B", AMLODIPINE_GENERIC, 28);
        JsonNode raisedElsewhere = alertsOf(first.id()).get(0);
        List<String> shown = new ArrayList<>();
        raisedElsewhere.path("conflicts").forEach(conflict -> shown.add(conflict.path("conflictId").asText()));

        Response acknowledged = api().post(first.path() + "/alerts/" + raisedElsewhere.path("alertId").asText()
                + "/acknowledge", Map.of("reason", "monitored"), prescriberHeaders("HOSP-A"));

        assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
        JsonNode recorded = null;
        for (JsonNode event : api().as(Identity.auditor()).get("/audit" + first.path() + "/events").body()) {
            if (event.path("type").asText().equals("AlertAcknowledged")) {
                recorded = event.path("payload");
            }
        }
        assertThat(recorded).as("the acknowledgement's event").isNotNull();
        List<String> covered = new ArrayList<>();
        recorded.path("conflictIds").forEach(id -> covered.add(id.asText()));
        assertThat(covered).as("named in the event, not left to a projection to guess").isNotEmpty()
                .containsExactlyElementsOf(shown);
    }

    @Test
    void aPrescriberAcknowledgesAnAlertLaterAndAnUnknownAlertIsNotFound() {
        issue("HOSP-A", AMLODIPINE_BRAND, 28);
        IssuedPrescription second = issued(body("HOSP-B", AMLODIPINE_GENERIC, 28));
        String alertId = alertsOf(second.id()).get(0).path("alertId").asText();

        Response acknowledged = api().post(second.path() + "/alerts/" + alertId + "/acknowledge",
                Map.of("reason", "intended: switching brands"), prescriberHeaders("HOSP-B"));
        Response unknown = api().post(second.path() + "/alerts/" + UUID.randomUUID() + "/acknowledge",
                Map.of("reason", "x"), prescriberHeaders("HOSP-B"));
        Response stranger = api().post(second.path() + "/alerts/" + alertId + "/acknowledge",
                Map.of("reason", "x"), prescriberHeaders("HOSP-Z"));

        assertThat(acknowledged.status()).isEqualTo(200);
        assertThat(acknowledged.body().path("acknowledgements").get(0).path("reason").asText())
                .isEqualTo("intended: switching brands");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(stranger.status()).isEqualTo(403);
    }

    @Test
    void aDraftWithAnUnknownDrugIsARuleViolation() {
        Response response = check(List.of(Map.of("drugCode", "9999999X9999", "days", 7)), null);

        assertThat(response.status()).isEqualTo(422);
    }

    @Test
    void aDraftThatUsesALineNumberTwiceIsRefusedAsAnIssueWouldBe() {
        issue("HOSP-A", AMLODIPINE_BRAND, 28);
        // keyed by line number, the loxoprofen line would hide the amlodipine duplicate
        Response response = check(List.of(Map.of("lineNumber", 1, "drugCode", AMLODIPINE_GENERIC, "days", 28),
                Map.of("lineNumber", 1, "drugCode", LOXOPROFEN_TABLET, "days", 7)), null);

        assertRefused(response, 422, "INVALID_LINES");
        assertThat(response.text("type")).isEqualTo("/problems/invalid-lines");
        assertThat(response.text("detail")).contains("line number 1 is used twice");
        Response lineZero = check(List.of(Map.of("lineNumber", 0, "drugCode", AMLODIPINE_GENERIC, "days", 28)), null);
        assertRefused(lineZero, 422, "INVALID_LINES");
        assertThat(lineZero.text("detail")).contains("line numbers start at 1");
    }

    @Test
    void aDraftStartingOutsideTheHorizonAnIssueHasIsARuleViolation() {
        for (String startDate : List.of("2199-12-31", "1900-01-01", LocalDate.now().plusYears(2).toString())) {
            Response response = check(List.of(Map.of("drugCode", AMLODIPINE_GENERIC, "days", 28)), startDate);

            assertRefused(response, 422, "START_DATE_OUT_OF_RANGE");
            assertThat(response.text("detail")).as(startDate).contains("startDate");
        }
        assertThat(check(List.of(Map.of("drugCode", AMLODIPINE_GENERIC, "days", 28)),
                LocalDate.now().plusMonths(6).toString()).status()).as("within the horizon").isEqualTo(200);
    }

    @Test
    void aDraftLineInAnotherUnitThanItsDrugsIsRefusedAsAnIssueWouldBe() {
        Response milligrams = check(List.of(Map.of("drugCode", AMLODIPINE_BRAND, "days", 28, "unit", "mg")), null);

        assertRefused(milligrams, 422, "INVALID_LINES");
        assertThat(milligrams.text("detail")).contains("counted in tablet, not in mg");
        assertThat(check(List.of(Map.of("drugCode", AMLODIPINE_BRAND, "days", 28, "unit", "tablet")), null).status())
                .isEqualTo(200);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    @Test
    void anAcknowledgementOnTheDraftCoversTheConflictsTheDraftShowedAndALaterOneReopensIt() {
        setConsent(true);
        issue("HOSP-A", AMLODIPINE_BRAND, 28);
        String intendedId = UUID.randomUUID().toString();
        Response draft = api().post("/duplicate-checks", Map.of("patientId", patient, "prescriptionId", intendedId,
                "lines", List.of(Map.of("drugCode", AMLODIPINE_GENERIC, "days", 28))), prescriberHeaders("HOSP-B"));
        JsonNode seen = onlyAlert(draft.body());
        assertThat(seen.path("conflicts")).hasSize(1);
        String alertId = seen.path("alertId").asText();
        String seenConflict = seen.path("conflicts").get(0).path("conflictId").asText();

        issue("HOSP-C", AMLODIPINE_BRAND, 28);
        Map<String, Object> body = body("HOSP-B", AMLODIPINE_GENERIC, 28);
        body.put("prescriptionId", intendedId);
        body.put("acknowledgedAlerts", List.of(Map.of("alertId", alertId, "reason", "dose change agreed",
                "conflictIds", List.of(seenConflict))));
        Response issued = api().post("/prescriptions", body);

        JsonNode answered = onlyAlert(issued.body());
        assertThat(answered.path("conflicts")).as("the draft saw one, the issue found two").hasSize(2);
        assertThat(answered.path("acknowledged").asBoolean()).as("a conflict nobody acknowledged").isFalse();
        assertThat(answered.path("acknowledgements").get(0).path("conflictIds").get(0).asText())
                .isEqualTo(seenConflict);
        answered.path("conflicts").forEach(conflict -> assertThat(conflict.path("acknowledged").asBoolean())
                .as(conflict.toString()).isEqualTo(conflict.path("conflictId").asText().equals(seenConflict)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode shown = alertsOf(intendedId).get(0);
            assertThat(shown.path("acknowledged").asBoolean()).isFalse();
            assertThat(shown.path("conflicts")).hasSize(2);
        });

        Response acknowledged = api().post("/prescriptions/" + intendedId + "/alerts/" + alertId + "/acknowledge",
                Map.of("reason", "also agreed for the second source"), prescriberHeaders("HOSP-B"));
        assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
        assertThat(acknowledged.body().path("acknowledged").asBoolean()).isTrue();
        Response unknownConflict = api().post("/prescriptions/" + intendedId + "/alerts/" + alertId + "/acknowledge",
                Map.of("reason", "x", "conflictIds", List.of("no-such-conflict")), prescriberHeaders("HOSP-B"));
        assertThat(unknownConflict.status()).as(unknownConflict.toString()).isEqualTo(422);
    }

    @Test
    void anAlertResolvesOnceNoConflictingCourseIsStillRunning() {
        IssuedPrescription first = issue("HOSP-A", AMLODIPINE_BRAND, 14);
        api().post("/prescriptions/accept", accept(first.exchangeCode(), BIRTH_DATE, "PH-A"));
        api().post(first.path() + "/dispense", dispense("PH-A", true, item(1, AMLODIPINE_BRAND, 14, 14)));
        IssuedPrescription second = issued(body("HOSP-B", AMLODIPINE_GENERIC, 28));
        assertThat(onlyAlert(api().get(second.path()).body()).path("status").asText()).isEqualTo("OPEN");

        clock.advance(Duration.ofDays(13));
        assertThat(onlyAlert(api().get(second.path()).body()).path("status").asText())
                .as("the dispensed course runs to its last day").isEqualTo("OPEN");

        clock.advance(Duration.ofDays(1));
        assertThat(onlyAlert(api().get(second.path()).body()).path("status").asText())
                .as("the day after its last day nothing conflicts any more").isEqualTo("RESOLVED");
        JsonNode listed = api().get("/institutions/HOSP-B/prescriptions", prescriberHeaders("HOSP-B")).body();
        assertThat(listed.toString()).as("no longer an open alert on the institution's list")
                .doesNotContain(onlyAlert(api().get(second.path()).body()).path("alertId").asText());
    }

    @Test
    void anAlertFollowsTheCourseItNamesWhenThatCourseIsDispensedLater() {
        IssuedPrescription first = issue("HOSP-A", AMLODIPINE_BRAND, 14);
        IssuedPrescription second = issued(body("HOSP-B", AMLODIPINE_GENERIC, 14));
        String plannedEnd = clock.today().plusDays(13).toString();
        assertThat(ownAlert(second).path("conflicts").get(0).path("to").asText())
                .isEqualTo(plannedEnd);

        clock.advance(Duration.ofDays(3));
        api().post("/prescriptions/accept", accept(first.exchangeCode(), BIRTH_DATE, "PH-A"));
        assertThat(api().post(first.path() + "/dispense", dispense("PH-A", true, item(1, AMLODIPINE_BRAND, 14, 14)))
                .status()).isEqualTo(200);
        String dispensedEnd = clock.today().plusDays(13).toString();

        JsonNode followed = ownAlert(second);
        assertThat(followed.path("conflicts").get(0).path("to").asText())
                .as("the first prescription's course now runs from the day it was handed out").isEqualTo(dispensedEnd);
        clock.advance(Duration.ofDays(11));
        assertThat(ownAlert(second).path("status").asText())
                .as("the day after the planned course's end the medicine is still taken").isEqualTo("OPEN");
        clock.advance(Duration.ofDays(3));
        assertThat(ownAlert(second).path("status").asText())
                .as("the day after the dispensed course's end").isEqualTo("RESOLVED");
    }

    @Test
    void aLineGivenInPortionsRunsForTheDaysThePortionsSuppliedTogether() {
        // 28 days of amlodipine: 14 on day 0 and 14 more on day 9 last to day 27, not to the second portion's day 22
        IssuedPrescription portions = issue("HOSP-A", AMLODIPINE_BRAND, 28);
        api().post("/prescriptions/accept", accept(portions.exchangeCode(), BIRTH_DATE, "PH-A"));
        api().post(portions.path() + "/dispense", dispense("PH-A", false, item(1, AMLODIPINE_BRAND, 14, 14)));
        clock.advance(Duration.ofDays(9));
        Response secondPortion = api().post(portions.path() + "/dispense",
                dispense("PH-A", true, item(1, AMLODIPINE_BRAND, 14, 14)));
        assertThat(secondPortion.status()).as(secondPortion.toString()).isEqualTo(200);

        clock.advance(Duration.ofDays(14));
        Response elsewhere = api().post("/prescriptions", body("HOSP-B", AMLODIPINE_GENERIC, 28));

        JsonNode alert = onlyAlert(elsewhere.body());
        assertThat(alert.path("type").asText()).isEqualTo("SAME_INGREDIENT");
        assertThat(alert.path("conflicts").get(0).path("to").asText())
                .isEqualTo(clock.today().plusDays(4).toString());
    }

    @Test
    void anAsNeededLineCountsAsFourteenDaysWhateverItsDays() {
        IssuedPrescription rx = issuedAsNeeded(LOXOPROFEN_TABLET, 3, 3);
        assertThat(api().get(rx.path()).body().path("lines").get(0).path("asNeeded").asBoolean()).isTrue();

        java.time.LocalDate today = clock.today();
        Response tenDaysOn = check(List.of(Map.of("drugCode", LOXOPROFEN_TABLET, "days", 3)),
                today.plusDays(10).toString());
        Response fourteenDaysOn = check(List.of(Map.of("drugCode", LOXOPROFEN_TABLET, "days", 3)),
                today.plusDays(14).toString());

        assertThat(tenDaysOn.body().path("alerts")).as("a 3-day course taken as needed runs 14 days").hasSize(1);
        assertThat(onlyAlert(tenDaysOn.body()).path("conflicts").get(0).path("to").asText())
                .isEqualTo(today.plusDays(13).toString());
        assertThat(fourteenDaysOn.body().path("alerts")).isEmpty();
    }

    @Test
    void anAsNeededLinesCourseStillRunsFourteenDaysAfterItsDispensingIsCorrected() {
        IssuedPrescription rx = issuedAsNeeded(LOXOPROFEN_TABLET, 10, 3);
        assertThat(api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, "PH-A")).status())
                .isEqualTo(200);
        assertThat(api().post(rx.path() + "/dispense", dispense("PH-A", false, item(1, LOXOPROFEN_TABLET, 10, 3)))
                .status()).isEqualTo(200);

        Response corrected = api().as(Identity.pharmacist("PH-A")).post(rx.path() + "/dispensings/1/correct",
                Map.of("reason", "wrong quantity entered", "pharmacyId", "PH-A",
                        "items", List.of(item(1, LOXOPROFEN_TABLET, 5, 3))));
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);

        java.time.LocalDate today = clock.today();
        Response tenDaysOn = check(List.of(Map.of("drugCode", LOXOPROFEN_TABLET, "days", 3)),
                today.plusDays(10).toString());
        assertThat(tenDaysOn.body().path("alerts")).as("the corrected course still runs 14 days").hasSize(1);
        assertThat(onlyAlert(tenDaysOn.body()).path("conflicts").get(0).path("to").asText())
                .isEqualTo(today.plusDays(13).toString());
    }

    @Test
    void aLineASameDayCorrectionHandsOutAfterItsUseWasCompletedWithoutItOpensItsAlertAgain() {
        IssuedPrescription elsewhere = issue("HOSP-B", AMLODIPINE_GENERIC, 28);
        api().post("/prescriptions/accept", accept(elsewhere.exchangeCode(), BIRTH_DATE, "PH-B"));
        assertThat(api().post(elsewhere.path() + "/dispense",
                dispense("PH-B", true, item(1, AMLODIPINE_GENERIC, 28, 28))).status()).isEqualTo(200);
        Map<String, Object> body = body("HOSP-A", AMLODIPINE_BRAND, 28);
        body.put("lines", List.of(line(1, AMLODIPINE_BRAND, 28, 28), line(2, METFORMIN, 56, 28)));
        IssuedPrescription rx = issued(body);
        String alertId = ownAlert(rx).path("alertId").asText();
        api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, "PH-A"));

        // metformin only, completing the use: amlodipine's planned course stops, which resolves the alert
        assertThat(api().post(rx.path() + "/dispense", dispense("PH-A", true, item(2, METFORMIN, 56, 28)))
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(ownAlert(rx).path("status").asText()).isEqualTo("RESOLVED"));

        // the same day the pharmacy records the amlodipine it did hand out
        Response corrected = api().as(Identity.pharmacist("PH-A")).post(rx.path() + "/dispensings/1/correct",
                Map.of("reason", "amlodipine left out", "pharmacyId", "PH-A",
                        "items", List.of(item(2, METFORMIN, 56, 28), item(1, AMLODIPINE_BRAND, 28, 28))));

        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
        assertThat(corrected.body().path("alerts")).as(corrected.toString())
                .extracting(alert -> alert.path("alertId").asText()).containsExactly(alertId);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(ownAlert(rx).path("status").asText()).isEqualTo("OPEN");
            assertThat(alertsOf(elsewhere.id())).as("the other side sees it open too")
                    .filteredOn(alert -> alert.path("alertId").asText().equals(alertId))
                    .singleElement().satisfies(alert -> assertThat(alert.path("status").asText())
                            .isEqualTo("OPEN"));
        });
    }

    @Test
    void allTabletsRecordedAsOneDayKeepTheCourseAndItsAlertsForTheDaysTheyLast() {
        IssuedPrescription rx = issue("HOSP-A", AMLODIPINE_BRAND, 28);
        IssuedPrescription elsewhere = issued(body("HOSP-B", AMLODIPINE_GENERIC, 28));
        assertThat(ownAlert(elsewhere).path("status").asText()).isEqualTo("OPEN");
        api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, "PH-A"));

        // all 28 tablets of the 28-day line, the item saying 1 day
        Response dispensed = api().post(rx.path() + "/dispense", dispense("PH-A", true,
                item(1, AMLODIPINE_BRAND, 28, 1)));
        assertThat(dispensed.status()).as(dispensed.toString()).isEqualTo(200);
        String lastDay = clock.today().plusDays(27).toString();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(coursesOf(rx.id())).singleElement().satisfies(course ->
                        assertThat(course.path("to").asText()).isEqualTo(lastDay)));

        clock.advance(Duration.ofDays(1));
        assertThat(ownAlert(elsewhere).path("status").asText())
                .as("the next day the patient still takes the amlodipine handed out").isEqualTo("OPEN");
        assertThat(ownAlert(elsewhere).path("conflicts").get(0).path("to").asText()).isEqualTo(lastDay);
    }

    @Test
    void aRefillUsesLinesAreComparedWithEachOtherSoTheDuplicateStaysAlerted() {
        Map<String, Object> body = body("HOSP-A", AMLODIPINE_BRAND, 28);
        body.put("lines", List.of(line(1, AMLODIPINE_BRAND, 28, 28), line(2, VALSARTAN_AMLODIPINE, 28, 28)));
        body.put("refills", 1);
        IssuedPrescription rx = issued(body);
        String alertId = ownAlert(rx).path("alertId").asText();
        api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, "PH-A"));

        Response dispensed = api().post(rx.path() + "/dispense", dispense("PH-A", true,
                item(1, AMLODIPINE_BRAND, 28, 28), item(2, VALSARTAN_AMLODIPINE, 28, 28)));

        assertThat(dispensed.status()).as(dispensed.toString()).isEqualTo(200);
        JsonNode refill = onlyAlert(dispensed.body());
        assertThat(refill.path("alertId").asText()).as("the same line, kind and key: the same alert")
                .isEqualTo(alertId);
        assertThat(refill.path("conflicts")).extracting(conflict -> conflict.path("use").asInt())
                .as("use 2's amlodipine line, and use 1's named at issue").contains(2);
        clock.advance(Duration.ofDays(28));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(ownAlert(rx).path("status").asText())
                        .as("use 1's courses ended, use 2's duplicate is planned").isEqualTo("OPEN"));
        assertThat(api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, "PH-A")).status())
                .isEqualTo(200);
        Response refillHandedOut = api().post(rx.path() + "/dispense", dispense("PH-A", true,
                item(1, AMLODIPINE_BRAND, 28, 28), item(2, VALSARTAN_AMLODIPINE, 28, 28)));
        assertThat(refillHandedOut.status()).as(refillHandedOut.toString()).isEqualTo(200);
        assertThat(refillHandedOut.body().path("alerts")).as("nothing new: raised when use 2 was planned")
                .isEmpty();
        clock.advance(Duration.ofDays(27));
        assertThat(ownAlert(rx).path("status").asText()).as("use 2's duplicate is still taken").isEqualTo("OPEN");
    }

    /** One line of {@code drugCode} taken as needed (頓用), issued by HOSP-A. */
    private IssuedPrescription issuedAsNeeded(String drugCode, int quantity, int days) {
        Map<String, Object> body = body("HOSP-A", drugCode, days);
        Map<String, Object> asNeeded = new HashMap<>(line(1, drugCode, quantity, days));
        asNeeded.put("asNeeded", true);
        body.put("lines", List.of(asNeeded));
        return issued(body);
    }

    private Map<String, Object> body(String institution, String drugCode, int days) {
        return issueFor(patient, institution, drugCode, days);
    }

    private static Map<String, Object> withPatient(Map<String, Object> body, String patientId) {
        body.put("patient", Map.of("id", patientId, "birthDate", BIRTH_DATE.toString()));
        return body;
    }

    private IssuedPrescription issue(String institution, String drugCode, int days) {
        return issued(body(institution, drugCode, days));
    }

    /**
     * HOSP-A has issued the earlier drug for 28 days; HOSP-B issues the later one for 28 days. The one alert that
     * issue answers, checked to be a same-ingredient alert.
     */
    private JsonNode sameIngredientAlertOfIssuingAfter(String earlierDrug, String laterDrug) {
        issue("HOSP-A", earlierDrug, 28);
        Response later = api().post("/prescriptions", body("HOSP-B", laterDrug, 28));

        JsonNode alert = onlyAlert(later.body());
        assertThat(alert.path("type").asText()).isEqualTo("SAME_INGREDIENT");
        return alert;
    }

    private Response check(List<Map<String, Object>> lines, String startDate) {
        Map<String, Object> body = new HashMap<>(Map.of("patientId", patient, "lines", lines));
        if (startDate != null) {
            body.put("startDate", startDate);
        }
        // as HOSP-A, which issued the patient's earlier prescriptions in these scenarios: a care relationship
        return api().post("/duplicate-checks", body, prescriberHeaders("HOSP-A"));
    }

    /** The payload of the prescription's InteractionCheckCompleted event of that trigger, as the audit shows it. */
    private JsonNode recordedCheck(String prescriptionId, String trigger) {
        JsonNode events = api().get("/audit/prescriptions/" + prescriptionId + "/events").body();
        List<JsonNode> checks = new ArrayList<>();
        events.forEach(event -> {
            if (event.path("type").asText().endsWith("InteractionCheckCompleted")
                    && event.path("payload").path("trigger").asText().equals(trigger)) {
                checks.add(event.path("payload"));
            }
        });
        assertThat(checks).as(events.toString()).hasSize(1);
        return checks.get(0);
    }

    /** The one alert raised on the prescription's own lines, among those its answer shows. */
    private JsonNode ownAlert(IssuedPrescription rx) {
        JsonNode answer = api().get(rx.path()).body();
        List<JsonNode> own = new ArrayList<>();
        answer.path("alerts").forEach(alert -> {
            if (rx.id().equals(alert.path("prescriptionId").asText())) {
                own.add(alert);
            }
        });
        assertThat(own).as(answer.toString()).hasSize(1);
        return own.get(0);
    }

    private static JsonNode onlyAlert(JsonNode prescription) {
        assertThat(prescription.path("alerts")).as(prescription.toString()).hasSize(1);
        return prescription.path("alerts").get(0);
    }

    private List<JsonNode> alertsOf(String prescriptionId) {
        List<JsonNode> alerts = new ArrayList<>();
        api().get("/prescriptions/" + prescriptionId).body().path("alerts").forEach(alerts::add);
        return alerts;
    }

    private List<JsonNode> coursesOf(String prescriptionId) {
        JsonNode list = api().get("/patients/" + patient + "/medications").body();
        List<JsonNode> courses = new ArrayList<>();
        list.path("current").forEach(courses::add);
        list.path("past").forEach(courses::add);
        return courses.stream().filter(c -> c.path("prescriptionId").asText().equals(prescriptionId)).toList();
    }

    /** Records the consent and waits until the views apply it (the alert projection follows the event). */
    private void setConsent(boolean sharingAllowed) {
        Response response = api().put("/patients/" + patient + "/consent", Map.of("sharingAllowed", sharingAllowed));
        assertThat(response.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> api().get("/patients/" + patient + "/medications").body()
                .path("sharingAllowed").asBoolean() == sharingAllowed);
    }
}

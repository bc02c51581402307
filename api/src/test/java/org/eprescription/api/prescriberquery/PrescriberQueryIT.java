package org.eprescription.api.prescriberquery;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IssuedPrescription;
import org.eprescription.api.support.SseClient;
import org.eprescription.api.support.SseClient.Event;
import org.junit.jupiter.api.Test;

import java.time.Duration;
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
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.line;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;
import static org.eprescription.api.support.Prescriptions.LOXOPROFEN_TABLET;

/**
 * A pharmacist's query to the prescriber (疑義照会) over HTTP on PostgreSQL: asked by the holding pharmacy, seen live by
 * the issuing institution, answered, and an accepted change amending the prescription, checked like an issue.
 */
class PrescriberQueryIT extends ExchangeIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(5);
    static final String CARBOCISTEINE = "2233002F1280";
    static final String AMLODIPINE_ATORVASTATIN = "2190103F1020";

    private IssuedPrescription heldBy(String patient, String institution, String pharmacy) {
        IssuedPrescription prescription = issued(issueFor(patient, institution, LOXOPROFEN_TABLET, 7));
        Response accepted = api().post("/prescriptions/accept", accept(prescription.exchangeCode(), BIRTH_DATE,
                pharmacy));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        return prescription;
    }

    private Response ask(IssuedPrescription prescription, String pharmacy, List<Map<String, Object>> proposed) {
        Map<String, Object> body = new HashMap<>();
        body.put("question", "the patient's amlodipine from the cardiologist ran out: continue it here?");
        body.put("pharmacyId", pharmacy);
        if (proposed != null) {
            body.put("proposedLines", proposed);
        }
        return api().post(prescription.path() + "/queries", body);
    }

    private Response answer(IssuedPrescription prescription, String queryId, boolean acceptChange) {
        return api().post(prescription.path() + "/queries/" + queryId + "/answer",
                Map.of("answer", acceptChange ? "yes, continue it for 28 days" : "no, the cardiologist continues it",
                        "acceptChange", acceptChange), prescriberHeaders(prescription.institutionId()));
    }

    private static boolean changeOf(Event event, IssuedPrescription prescription) {
        return "change".equals(event.name()) && event.data().path("prescriptionId").asText().equals(prescription.id());
    }

    @Test
    void aChangeAcceptedInARefillUseConflictsWithTheOtherLinesCourseOfThatUseAndTheAlertStaysOpen() {
        String patient = unique("PAT");
        String institution = unique("HOSP");
        String pharmacy = unique("PH");
        Map<String, Object> body = issueFor(patient, institution, AMLODIPINE_BRAND, 28);
        body.put("lines", List.of(line(1, AMLODIPINE_BRAND, 28, 28), line(2, CARBOCISTEINE, 28, 28)));
        body.put("refills", 1);
        IssuedPrescription prescription = issued(body);
        api().post("/prescriptions/accept", accept(prescription.exchangeCode(), BIRTH_DATE, pharmacy));
        // use 1 completed without amlodipine: its course of use 1 stopped
        Response firstUse = api().post(prescription.path() + "/dispense", dispense(pharmacy, true,
                item(2, CARBOCISTEINE, 28, 28)));
        assertThat(firstUse.status()).as(firstUse.toString()).isEqualTo(200);
        clock.advance(Duration.ofDays(28));
        Response secondUse = api().post("/prescriptions/accept", accept(prescription.exchangeCode(), BIRTH_DATE,
                pharmacy));
        assertThat(secondUse.status()).as(secondUse.toString()).isEqualTo(200);

        String queryId = ask(prescription, pharmacy, List.of(line(2, AMLODIPINE_ATORVASTATIN, 28, 28)))
                .text("queryId");
        Response answered = answer(prescription, queryId, true);

        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        String alertId = answered.body().path("alerts").get(0).path("alertId").asText();
        await().atMost(WAIT).untilAsserted(() -> assertThat(api().get(prescription.path()).body().path("alerts"))
                .filteredOn(alert -> alert.path("alertId").asText().equals(alertId))
                .singleElement().satisfies(alert -> {
                    assertThat(alert.path("conflicts").get(0).path("use").asInt()).isEqualTo(2);
                    assertThat(alert.path("status").asText()).as("amlodipine of use 2 runs").isEqualTo("OPEN");
                }));
    }

    @Test
    void anAcceptedChangeAmendsThePrescriptionIsCheckedLikeAnIssueAndReachesBothSidesLive() {
        String patient = unique("PAT");
        String institution = unique("HOSP");
        String pharmacy = unique("PH");
        // the patient already takes amlodipine from another institution
        issued(issueFor(patient, unique("HOSP"), AMLODIPINE_BRAND, 28));
        IssuedPrescription prescription = heldBy(patient, institution, pharmacy);
        assertThat(api().get(prescription.path()).body().path("alerts")).isEmpty();

        try (SseClient institutionLive = SseClient.open(port, "/institutions/" + institution + "/prescriptions/stream",
                objectMapper, null);
             SseClient pharmacyLive = SseClient.open(port, "/pharmacies/" + pharmacy + "/dispensing-view/stream",
                     objectMapper, null);
             SseClient prescriptionLive = SseClient.open(port, prescription.path() + "/stream", objectMapper, null)) {
            institutionLive.next(WAIT);
            pharmacyLive.next(WAIT);
            prescriptionLive.next(WAIT);

            Response asked = ask(prescription, pharmacy, List.of(line(2, AMLODIPINE_GENERIC, 28, 28)));

            assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
            String queryId = asked.text("queryId");
            assertThat(asked.location()).endsWith(prescription.path() + "/queries/" + queryId);
            assertThat(asked.text("status")).isEqualTo("OPEN");
            assertThat(asked.text("prescriptionId")).isEqualTo(prescription.id());
            assertThat(asked.body().path("proposedLines").get(0).path("drugCode").asText())
                    .isEqualTo(AMLODIPINE_GENERIC);
            Response followed = api().get(asked.location().substring(asked.location().indexOf("/prescriptions/")));
            assertThat(followed.status()).as("the Location names a readable query: " + followed).isEqualTo(200);
            assertThat(followed.body()).isEqualTo(asked.body());
            assertThat(api().get(prescription.path() + "/queries/" + java.util.UUID.randomUUID()).status())
                    .isEqualTo(404);

            Event seen = institutionLive.next(event -> changeOf(event, prescription)
                    && event.data().path("openQueries").asInt() == 1, WAIT);
            assertThat(seen.data().path("queries").get(0).path("question").asText()).contains("amlodipine");
            pharmacyLive.next(event -> changeOf(event, prescription) && event.data().path("openQueries").asInt() == 1,
                    WAIT);
            JsonNode listed = api().get("/institutions/" + institution + "/prescriptions").body()
                    .path("prescriptions").get(0);
            assertThat(listed.path("prescriptionId").asText()).isEqualTo(prescription.id());
            assertThat(listed.path("openQueries").asInt()).isEqualTo(1);

            Response answered = answer(prescription, queryId, true);

            assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
            assertThat(answered.body().path("lines")).hasSize(2);
            assertThat(answered.body().path("lines").get(1).path("drugCode").asText()).isEqualTo(AMLODIPINE_GENERIC);
            assertThat(answered.body().path("alertCheck").path("performed").asBoolean()).isTrue();
            assertThat(answered.body().path("alerts")).as(answered.toString()).singleElement().satisfies(alert -> {
                assertThat(alert.path("lineNumber").asInt()).isEqualTo(2);
                assertThat(alert.path("ingredient").asText()).isEqualTo("amlodipine");
                // without the patient's consent the other institution's course shows drug and period only
                assertThat(alert.path("conflicts").get(0).path("drugCode").asText()).isEqualTo(AMLODIPINE_BRAND);
            });
            String alertId = answered.body().path("alerts").get(0).path("alertId").asText();

            Event amended = prescriptionLive.next(event -> changeOf(event, prescription)
                    && event.data().path("lines").size() == 2, WAIT);
            assertThat(amended.data().path("queries").get(0).path("accepted").asBoolean()).isTrue();
            institutionLive.next(event -> changeOf(event, prescription)
                    && event.data().path("openQueries").asInt() == 0, WAIT);
            pharmacyLive.next(event -> changeOf(event, prescription) && event.data().path("lines").size() == 2, WAIT);

            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode view = api().get(prescription.path()).body();
                assertThat(view.path("openQueries").asInt()).isZero();
                JsonNode query = view.path("queries").get(0);
                assertThat(query.path("status").asText()).isEqualTo("ANSWERED");
                assertThat(query.path("answer").asText()).isEqualTo("yes, continue it for 28 days");
                assertThat(query.path("accepted").asBoolean()).isTrue();
                assertThat(view.path("alerts")).extracting(alert -> alert.path("alertId").asText())
                        .contains(alertId);
            });
        }
        List<String> types = new ArrayList<>();
        List<String> triggers = new ArrayList<>();
        api().get("/audit" + prescription.path() + "/events").body().forEach(event -> {
            types.add(event.path("type").asText());
            triggers.add(event.path("payload").path("trigger").asText());
        });
        assertThat(types).containsSubsequence("PrescriberQueried", "QueryAnswered", "PrescriptionAmended",
                "InteractionCheckCompleted");
        assertThat(triggers).contains("AMENDMENT");
        // the amended line is dispensed like any other
        Response dispensed = api().post(prescription.path() + "/dispense", dispense(pharmacy, true,
                item(1, LOXOPROFEN_TABLET, 7, 7), item(2, AMLODIPINE_GENERIC, 28, 28)));
        assertThat(dispensed.status()).as(dispensed.toString()).isEqualTo(200);
        assertThat(dispensed.text("status")).isEqualTo("COMPLETED");
        projectionsVerifyWithoutDifferences();
    }

    @Test
    void aRejectedChangeLeavesTheLinesAndAQueryIsAnsweredOnce() {
        String institution = unique("HOSP");
        String pharmacy = unique("PH");
        IssuedPrescription prescription = heldBy(unique("PAT"), institution, pharmacy);
        String queryId = ask(prescription, pharmacy, List.of(line(1, LOXOPROFEN_TABLET, 3, 3))).text("queryId");

        Response answered = answer(prescription, queryId, false);

        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        assertThat(answered.body().path("lines")).hasSize(1);
        assertThat(answered.body().path("lines").get(0).path("days").asInt()).isEqualTo(7);
        JsonNode query = answered.body().path("queries").get(0);
        assertThat(query.path("status").asText()).isEqualTo("ANSWERED");
        assertThat(query.path("accepted").asBoolean()).isFalse();
        assertThat(answered.body().path("openQueries").asInt()).isZero();

        Response again = answer(prescription, queryId, true);
        assertRefused(again, 409, "QUERY_ALREADY_ANSWERED");
    }

    @Test
    void aQuestionWithoutAProposalIsAnsweredAndNothingIsAmended() {
        String pharmacy = unique("PH");
        IssuedPrescription prescription = heldBy(unique("PAT"), unique("HOSP"), pharmacy);
        String queryId = ask(prescription, pharmacy, null).text("queryId");

        assertThat(answer(prescription, queryId, true).status()).isEqualTo(422);
        Response answered = answer(prescription, queryId, false);
        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        assertThat(answered.body().path("queries").get(0).path("answer").asText())
                .isEqualTo("no, the cardiologist continues it");
    }

    @Test
    void aLineAlreadyDispensedInThisUseIsNotAmended() {
        String pharmacy = unique("PH");
        IssuedPrescription prescription = heldBy(unique("PAT"), unique("HOSP"), pharmacy);
        String queryId = ask(prescription, pharmacy, List.of(line(1, LOXOPROFEN_TABLET, 3, 3))).text("queryId");
        assertThat(dispensing(prescription, pharmacy, false, item(1, LOXOPROFEN_TABLET, 2, 2)).status()).isEqualTo(200);

        Response refused = answer(prescription, queryId, true);

        assertRefused(refused, 409, "LINE_ALREADY_DISPENSED");
        assertThat(api().get(prescription.path()).body().path("queries").get(0).path("status").asText())
                .isEqualTo("OPEN");
    }

    @Test
    void onlyThePartiesAskAndAnswer() {
        String institution = unique("HOSP");
        String pharmacy = unique("PH");
        IssuedPrescription prescription = heldBy(unique("PAT"), institution, pharmacy);

        assertThat(ask(prescription, unique("PH"), null).status()).isEqualTo(403);
        String queryId = ask(prescription, pharmacy, null).text("queryId");
        Response elsewhere = api().post(prescription.path() + "/queries/" + queryId + "/answer",
                Map.of("answer", "yes", "acceptChange", false), prescriberHeaders(unique("HOSP")));
        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(api().as(Identity.pharmacist(pharmacy)).post(prescription.path() + "/queries/" + queryId
                + "/answer", Map.of("answer", "yes", "acceptChange", false)).status()).isEqualTo(403);
        Response unknown = answer(prescription, UUID.randomUUID().toString(), false);
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(api().get(prescription.path()).body().path("openQueries").asInt()).isEqualTo(1);
    }
}

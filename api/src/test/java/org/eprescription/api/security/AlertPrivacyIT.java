package org.eprescription.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.eprescription.api.config.ProjectionProcessorLayout;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.ZOLPIDEM;
import static org.eprescription.api.support.Prescriptions.ZOLPIDEM_GENERIC;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.unique;
import static org.eprescription.api.support.Prescriptions.METFORMIN;

/**
 * Who sees which alert, and how much of it (docs/alerts.md, "Privacy"), for a patient without consent: two
 * institutions prescribed zolpidem, a third only metformin, a fourth nothing.
 */
class AlertPrivacyIT extends ExchangeIntegrationTest {

    @Autowired
    EventProcessingConfiguration eventProcessing;

    private final String patient = unique("PAT");
    private final String hospitalA = unique("HOSP");
    private final String hospitalB = unique("HOSP");
    private final String hospitalC = unique("HOSP");
    private final String hospitalD = unique("HOSP");

    @Test
    void aProviderSeesOnlyAlertsOfItsPrescriptionsAndNothingOfTheOtherSide() {
        String first = issue(hospitalA, ZOLPIDEM);
        String second = issue(hospitalB, ZOLPIDEM_GENERIC);
        issue(hospitalC, METFORMIN);

        assertThat(alertsAs(hospitalC)).as("an institution party only to the metformin").isEmpty();

        List<JsonNode> seenByA = alertsAs(hospitalA);
        assertThat(seenByA).singleElement().satisfies(alert -> {
            assertThat(alert.path("prescriptionId").isNull()).as("B's prescription is not named to A").isTrue();
            assertThat(alert.path("drugCode").asText()).isEqualTo(ZOLPIDEM_GENERIC);
            assertThat(alert.path("conflicts").get(0).path("prescriptionId").asText()).isEqualTo(first);
        });
        List<JsonNode> seenByB = alertsAs(hospitalB);
        assertThat(seenByB).singleElement().satisfies(alert -> {
            assertThat(alert.path("prescriptionId").asText()).isEqualTo(second);
            JsonNode other = alert.path("conflicts").get(0);
            assertThat(other.path("drugCode").asText()).isEqualTo(ZOLPIDEM);
            assertThat(other.has("from") && other.has("to")).isTrue();
            assertThat(other.has("prescriptionId") || other.has("institutionId") || other.has("prescriberId")
                    || other.has("lineNumber")).as("drug and period only: " + other).isFalse();
        });
        Response earlier = api().as(Identity.prescriber("DOC-A", hospitalA)).get("/prescriptions/" + first);
        assertThat(earlier.body().path("alerts").get(0).path("prescriptionId").isNull())
                .as("nor on A's own prescription").isTrue();

        setConsent(true);
        assertThat(alertsAs(hospitalA).get(0).path("prescriptionId").asText()).isEqualTo(second);
        assertThat(alertsAs(hospitalB).get(0).path("conflicts").get(0).path("institutionId").asText())
                .isEqualTo(hospitalA);
    }

    @Test
    void aDraftCheckWithoutACareRelationshipSaysOnlyWhichLineConflicts() {
        issue(hospitalA, ZOLPIDEM);
        issue(hospitalC, METFORMIN);

        JsonNode stranger = draftAs(hospitalD);
        assertThat(stranger.path("alerts")).hasSize(1);
        JsonNode alert = stranger.path("alerts").get(0);
        assertThat(alert.path("type").asText()).isEqualTo("SAME_INGREDIENT");
        assertThat(alert.path("drugCode").asText()).isEqualTo(ZOLPIDEM_GENERIC);
        assertThat(alert.path("conflicts")).isEmpty();
        assertThat(alert.path("ingredient").isNull()).isTrue();
        assertThat(alert.has("alertId")).as("derived from the ingredient, an id would name it: " + alert).isFalse();
        assertThat(draftAs(hospitalC).path("alerts").get(0).has("alertId")).as("to a caller who may know").isTrue();

        JsonNode caring = draftAs(hospitalC);
        assertThat(caring.path("alerts").get(0).path("conflicts")).as("C issued one of the patient's prescriptions")
                .hasSize(1);
        assertThat(caring.path("alerts").get(0).path("conflicts").get(0).has("institutionId"))
                .as("masked without consent").isFalse();

        setConsent(true);
        assertThat(draftAs(hospitalD).path("alerts").get(0).path("conflicts").get(0).path("institutionId").asText())
                .as("with consent").isEqualTo(hospitalA);

        JsonNode log = api().as(Identity.patient(patient)).get("/patients/" + patient + "/access-log").body();
        List<String> checks = new ArrayList<>();
        log.path("entries").forEach(entry -> {
            if (entry.path("what").asText().equals("duplicate check")) {
                checks.add(entry.path("organisationId").asText());
            }
        });
        assertThat(checks).as("every check is in the patient's access log").contains(hospitalD, hospitalC);
    }

    @Test
    void aWithdrawnConsentIsHonouredFromItsAnswerOnWhileTheProjectionsLag() {
        issue(hospitalA, ZOLPIDEM);
        issue(hospitalB, ZOLPIDEM_GENERIC);
        setConsent(true);
        assertThat(alertsAs(hospitalB).get(0).path("conflicts").get(0).path("institutionId").asText())
                .isEqualTo(hospitalA);

        EventProcessor projections = eventProcessing.eventProcessor(ProjectionProcessorLayout.PROCESSOR)
                .orElseThrow();
        projections.shutDown();
        try {
            assertThat(api().as(Identity.patient(patient)).put("/patients/" + patient + "/consent",
                    Map.of("sharingAllowed", false)).status()).isEqualTo(200);

            JsonNode other = alertsAs(hospitalB).get(0).path("conflicts").get(0);
            assertThat(other.has("institutionId") || other.has("prescriptionId"))
                    .as("hospital A is no longer named to B: " + other).isFalse();
            JsonNode medications = api().as(Identity.prescriber("DOC-" + hospitalB, hospitalB))
                    .get("/patients/" + patient + "/medications").body();
            assertThat(medications.path("sharingAllowed").asBoolean()).isFalse();
            assertThat(medications.toString()).as("A's course is not shown to B").doesNotContain(hospitalA);
        } finally {
            projections.start();
        }
    }

    @Test
    void aPatientReadsTheirWholeMedicationListHoweverThePathSpellsTheirId() {
        issue(hospitalA, ZOLPIDEM);
        issue(hospitalB, ZOLPIDEM_GENERIC);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(api().as(Identity.patient(patient))
                .get("/patients/" + patient + "/medications").body().path("current")).hasSize(2));
        JsonNode padded = api().as(Identity.patient(patient)).get("/patients/" + patient + "%20/medications").body();
        assertThat(padded.path("current")).as("the same patient, not a provider without consent: " + padded)
                .hasSize(2);
    }

    @Test
    void aPharmacyHoldingOneOfThePatientsPrescriptionsCaresForThePatient() {
        String holding = unique("PHARM");
        accepted(issued(issueFor(patient, hospitalA, ZOLPIDEM, 14)), holding);

        JsonNode holder = draftAs(Identity.pharmacist(holding));
        assertThat(holder.path("alerts").get(0).path("conflicts")).as("the pharmacy holds the prescription")
                .hasSize(1);
        JsonNode stranger = draftAs(Identity.pharmacist(unique("PHARM")));
        assertThat(stranger.path("alerts").get(0).path("conflicts")).as("another pharmacy holds nothing of the patient")
                .isEmpty();
        assertThat(stranger.path("alerts").get(0).path("drugCode").asText()).isEqualTo(ZOLPIDEM_GENERIC);
    }

    private String issue(String institution, String drug) {
        Map<String, Object> body = issueFor(patient, institution, drug, 14);
        Response issued = api().as(Identity.prescriber("DOC-" + institution, institution)).post("/prescriptions", body);
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        return issued.text("prescriptionId");
    }

    private List<JsonNode> alertsAs(String institution) {
        Response answer = api().as(Identity.prescriber("DOC-" + institution, institution))
                .get("/patients/" + patient + "/alerts");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        List<JsonNode> alerts = new ArrayList<>();
        answer.body().path("alerts").forEach(alerts::add);
        return alerts;
    }

    private JsonNode draftAs(String institution) {
        return draftAs(Identity.prescriber("DOC-" + institution, institution));
    }

    private JsonNode draftAs(Identity caller) {
        Response answer = api().as(caller).post("/duplicate-checks",
                Map.of("patientId", patient, "lines", List.of(Map.of("drugCode", ZOLPIDEM_GENERIC, "days", 14))));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.body();
    }

    /** Records the consent and waits until the views apply it (the alert projection follows the event). */
    private void setConsent(boolean sharingAllowed) {
        assertThat(api().as(Identity.patient(patient)).put("/patients/" + patient + "/consent",
                Map.of("sharingAllowed", sharingAllowed)).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> api().as(Identity.patient(patient))
                .get("/patients/" + patient + "/medications").body().path("sharingAllowed").asBoolean()
                == sharingAllowed);
    }
}

package org.eprescription.api.alerts;

import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.NodesOnMovedDays;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.NIFEDIPINE_CAPSULE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.line;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * A command made while alerts were switched off leaves its prescription unchecked for as long as any course it planned
 * may run (docs/alerts.md, "After alerts were switched off"), also when the course starts later than the command: an
 * amendment made before the refill it was asked for plans its courses from the refill's planned day, and a refill
 * planned after a use completed with a portion of a line plans that line's whole days. A check while such a course
 * runs must say that it could not compare it, never "complete" with nothing found.
 */
class UncheckedWhileSwitchedOffIT {

    private static final String ATORVASTATIN = "2189015F1023";

    @Test
    void coursesPlannedWhileSwitchedOffCountAsUncheckedUntilTheyEnd() {
        NodesOnMovedDays nodes = new NodesOnMovedDays("px_unchecked_days");
        LocalDate day0 = nodes.day0();

        String amendedPatient = unique("PAT");
        String amendedInstitution = unique("HOSP");
        String amendedPharmacy = unique("PH");
        String amended;
        String queryId;
        String refilledPatient = unique("PAT");
        String refilledInstitution = unique("HOSP");
        String refilledPharmacy = unique("PH");
        String refilled;

        try (ConfigurableApplicationContext on = nodes.start()) {
            HttpApi api = ExchangeNode.api(on);
            // 90 days of amlodipine with a refill; the pharmacist asks whether nifedipine should replace it, then
            // hands out use 1 as prescribed: use 2 is planned 90 days later
            Map<String, Object> body = new HashMap<>(issueFor(amendedPatient, amendedInstitution, AMLODIPINE_BRAND,
                    90));
            body.put("refills", 1);
            Response issued = api.post("/prescriptions", body);
            assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
            amended = issued.text("prescriptionId");
            accepted(api, issued.text("exchangeCode"), amendedPharmacy);
            Response asked = api.post("/prescriptions/" + amended + "/queries", Map.of(
                    "question", "nifedipine instead of amlodipine from the next use?",
                    "pharmacyId", amendedPharmacy,
                    "proposedLines", List.of(line(1, NIFEDIPINE_CAPSULE, 90, 90))));
            assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
            queryId = asked.text("queryId");
            Response useOne = api.post("/prescriptions/" + amended + "/dispense",
                    dispense(amendedPharmacy, true, item(1, AMLODIPINE_BRAND, 90, 90)));
            assertThat(useOne.status()).as(useOne.toString()).isEqualTo(200);
            assertThat(useOne.body().path("refillWindow").path("plannedDate").asText())
                    .isEqualTo(day0.plusDays(90).toString());

            // 28 days of atorvastatin with a refill, 14 of them handed out today
            body = new HashMap<>(issueFor(refilledPatient, refilledInstitution, ATORVASTATIN, 28));
            body.put("refills", 1);
            issued = api.post("/prescriptions", body);
            assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
            refilled = issued.text("prescriptionId");
            accepted(api, issued.text("exchangeCode"), refilledPharmacy);
            Response firstHalf = api.post("/prescriptions/" + refilled + "/dispense",
                    dispense(refilledPharmacy, false, item(1, ATORVASTATIN, 14, 14)));
            assertThat(firstHalf.status()).as(firstHalf.toString()).isEqualTo(200);
        }

        nodes.advance(Duration.ofDays(1));
        try (ConfigurableApplicationContext off = nodes.start(
                "--exchange.alerts.enabled=false")) {
            HttpApi api = ExchangeNode.api(off);
            // the prescriber agrees on day 1: nifedipine is planned from use 2's day, day 90, for 90 days
            Response answered = api.post("/prescriptions/" + amended + "/queries/" + queryId + "/answer",
                    Map.of("answer", "yes, nifedipine from the next use", "acceptChange", true),
                    prescriberHeaders(amendedInstitution));
            assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
            assertThat(answered.body().path("alertCheck").path("performed").asBoolean()).isFalse();

            // the other 14 days of atorvastatin complete use 1: use 2 is planned on day 29 and runs 28 days
            Response secondHalf = api.post("/prescriptions/" + refilled + "/dispense",
                    dispense(refilledPharmacy, true, item(1, ATORVASTATIN, 14, 14)));
            assertThat(secondHalf.status()).as(secondHalf.toString()).isEqualTo(200);
            assertThat(secondHalf.body().path("refillWindow").path("plannedDate").asText())
                    .isEqualTo(day0.plusDays(29).toString());
        }

        try (ConfigurableApplicationContext on = nodes.start()) {
            HttpApi api = ExchangeNode.api(on);

            // day 52: past the refill's window (day 36) plus 14 days, inside its planned course (day 29 to 56)
            nodes.moveToDay(52);
            Response refillRunning = draftCheck(api, refilledPatient, refilledInstitution, ATORVASTATIN);
            assertThat(refillRunning.body().path("alertCheck").path("complete").asBoolean())
                    .as("the refill planned while alerts were off runs until day 56: " + refillRunning).isFalse();
            assertThat(refillRunning.body().path("alertCheck").path("uncheckedCourses").path("prescriptions")
                    .asInt()).isEqualTo(1);

            // day 92: past the amendment's day plus 90, inside the amended course (day 90 to 179)
            nodes.moveToDay(92);
            Response amendmentRunning = draftCheck(api, amendedPatient, amendedInstitution, NIFEDIPINE_CAPSULE);
            assertThat(amendmentRunning.body().path("alerts"))
                    .as("the nifedipine planned while alerts were off is not in the course record").isEmpty();
            assertThat(amendmentRunning.body().path("alertCheck").path("complete").asBoolean())
                    .as("an empty list here is not \"nothing found\": " + amendmentRunning).isFalse();
            assertThat(amendmentRunning.body().path("alertCheck").path("uncheckedCourses").path("prescriptions")
                    .asInt()).isEqualTo(1);

            // day 181: the amended course has ended, and nothing of either prescription can run any more
            nodes.moveToDay(181);
            Response ended = draftCheck(api, amendedPatient, amendedInstitution, NIFEDIPINE_CAPSULE);
            assertThat(ended.body().path("alertCheck").path("complete").asBoolean()).as(ended.toString()).isTrue();
        }
    }

    private static void accepted(HttpApi api, String exchangeCode, String pharmacy) {
        Response accepted = api.post("/prescriptions/accept", accept(exchangeCode, BIRTH_DATE, pharmacy));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    }

    /** The issuing institution's draft check of a new line of {@code drug} for the patient, today. */
    private static Response draftCheck(HttpApi api, String patient, String institution, String drug) {
        Response draft = api.post("/duplicate-checks", Map.of("patientId", patient,
                "lines", List.of(Map.of("drugCode", drug, "days", 28))), prescriberHeaders(institution));
        assertThat(draft.status()).as(draft.toString()).isEqualTo(200);
        return draft;
    }
}

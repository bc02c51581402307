package org.eprescription.api.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.AdminProjections;
import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IsolatedDatabase;
import org.eprescription.query.alerts.AlertProjection;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.ZOLPIDEM;
import static org.eprescription.api.support.Prescriptions.ZOLPIDEM_GENERIC;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * With alerts switched off no check runs, but the alert projection still follows every event: a cancellation recorded
 * meanwhile stops its courses and resolves the alerts that named them, so switching alerts on again leaves the
 * projection where a replay would. What was issued meanwhile was never checked, so its course is not known: every read
 * of the patient's alerts or medications says it is not the whole picture (docs/alerts.md, "When the exchange does not
 * know").
 */
class AlertsOffProjectionIT {


    @Test
    void whatHappensWhileAlertsAreOffReachesTheAlertsAndReadsSayWhatIsUnknown() {
        String url = IsolatedDatabase.createAnother("px_alerts_off_projection");
        String patient = unique("PAT");
        Map<String, Object> first = issueFor(patient, "HOSP-A", ZOLPIDEM, 30);
        Map<String, Object> second = issueFor(patient, "HOSP-B", ZOLPIDEM_GENERIC, 14);
        Map<String, Object> third = issueFor(patient, "HOSP-C", ZOLPIDEM, 30);
        String p1 = first.get("prescriptionId").toString();
        String p2 = second.get("prescriptionId").toString();
        String p3 = third.get("prescriptionId").toString();

        try (ConfigurableApplicationContext on = ExchangeNode.startOnDatabase(url)) {
            HttpApi api = ExchangeNode.api(on);
            assertThat(api.post("/prescriptions", first).status()).isEqualTo(201);
            Response duplicate = api.post("/prescriptions", second);
            assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(201);
            assertThat(duplicate.body().path("alerts")).as(duplicate.toString()).hasSize(1);
            assertThat(duplicate.body().path("alerts").get(0).path("type").asText()).isEqualTo("SAME_INGREDIENT");
        }

        try (ConfigurableApplicationContext off = ExchangeNode.startOnDatabase(url,
                "--exchange.alerts.enabled=false")) {
            HttpApi api = ExchangeNode.api(off);
            Response cancelled = api.post("/prescriptions/" + p1 + "/cancel", Map.of("reason", "course changed"),
                    prescriberHeaders("HOSP-A"));
            assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
            Response issued = api.post("/prescriptions", third);
            assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
            assertThat(issued.body().path("alertCheck").path("performed").asBoolean()).isFalse();
        }

        try (ConfigurableApplicationContext onAgain = ExchangeNode.startOnDatabase(url)) {
            HttpApi api = ExchangeNode.api(onAgain);

            JsonNode verified = new AdminProjections(api).verify(AlertProjection.PROCESSING_GROUP);
            assertThat(verified.path("differences").asLong())
                    .as("the live alerts are those a replay gives: " + verified).isZero();

            Response duplicate = api.get("/prescriptions/" + p2);
            assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(200);
            assertThat(duplicate.body().path("alerts")).as(duplicate.toString()).hasSize(1);
            assertThat(duplicate.body().path("alerts").get(0).path("status").asText())
                    .as("the course it conflicted with was cancelled while alerts were off: " + duplicate)
                    .isEqualTo("RESOLVED");
            assertThat(notUpToDate(duplicate.body())).as("P3 was never checked: " + duplicate).isTrue();

            Response unchecked = api.get("/prescriptions/" + p3);
            assertThat(unchecked.status()).as(unchecked.toString()).isEqualTo(200);
            assertThat(unchecked.body().path("alerts")).as(unchecked.toString()).isEmpty();
            assertThat(notUpToDate(unchecked.body()))
                    .as("an empty list of a prescription nobody checked is not \"nothing found\": " + unchecked)
                    .isTrue();

            Response list = api.get("/institutions/HOSP-C/prescriptions", prescriberHeaders("HOSP-C"));
            assertThat(list.status()).as(list.toString()).isEqualTo(200);
            JsonNode listed = entryOf(list.body(), p3);
            assertThat(notUpToDate(listed)).as("the institution's list: " + list).isTrue();

            Response medications = api.as(Identity.patient(patient)).get("/patients/" + patient + "/medications");
            assertThat(medications.status()).as(medications.toString()).isEqualTo(200);
            assertThat(prescriptionsOf(medications.body().path("current")))
                    .as("P1 was cancelled before it was handed out; P3's course was never recorded: " + medications)
                    .containsExactly(p2);
            assertThat(prescriptionsOf(medications.body().path("past"))).as(medications.toString()).containsExactly(p1);
            assertThat(notUpToDate(medications.body())).as("P3 is missing from it: " + medications).isTrue();

            Response alerts = api.as(Identity.patient(patient)).get("/patients/" + patient + "/alerts");
            assertThat(alerts.status()).as(alerts.toString()).isEqualTo(200);
            assertThat(alerts.body().path("alerts").findValuesAsText("status")).containsExactly("RESOLVED");
            assertThat(notUpToDate(alerts.body())).as(alerts.toString()).isTrue();
        }
    }

    private static boolean notUpToDate(JsonNode answer) {
        return answer.path("upToDate").isBoolean() && !answer.path("upToDate").asBoolean();
    }

    private static List<String> prescriptionsOf(JsonNode courses) {
        List<String> ids = new ArrayList<>();
        courses.forEach(course -> ids.add(course.path("prescriptionId").asText()));
        return ids;
    }

    private static JsonNode entryOf(JsonNode list, String prescriptionId) {
        JsonNode entries = list.isArray() ? list : list.path("prescriptions");
        for (JsonNode entry : entries) {
            if (entry.path("prescriptionId").asText().equals(prescriptionId)) {
                return entry;
            }
        }
        throw new AssertionError("no " + prescriptionId + " in " + list);
    }
}

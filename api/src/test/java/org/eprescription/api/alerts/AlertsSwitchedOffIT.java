package org.eprescription.api.alerts;

import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IsolatedDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * With {@code exchange.alerts.enabled=false} no check runs, so no new course or alert is known: the prescription and
 * the patient's lists say they are not the whole picture instead of reading as "nothing" (docs/alerts.md, "When the
 * exchange does not know").
 */
class AlertsSwitchedOffIT {

    @Test
    void thePatientsListsSayTheyMayMissWhatTheExchangeDoesNotKeep() {
        try (ConfigurableApplicationContext application = ExchangeNode.start(
                IsolatedDatabase.createAnother("px_alerts_off"), "alerts-off-test-key-0123456789abcdef",
                "--exchange.alerts.enabled=false")) {
            HttpApi api = ExchangeNode.api(application);
            String patient = unique("PAT");
            Response issued = api.post("/prescriptions", issueFor(patient, unique("HOSP"), AMLODIPINE_BRAND, 28));
            assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
            assertThat(issued.body().path("alertCheck").path("performed").asBoolean()).isFalse();

            Response read = api.get("/prescriptions/" + issued.body().path("prescriptionId").asText());
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.body().path("upToDate").isBoolean()).as("its alerts: " + read).isTrue();
            assertThat(read.body().path("upToDate").asBoolean()).isFalse();

            for (String list : new String[] {"/medications", "/alerts"}) {
                Response answer = api.as(Identity.patient(patient)).get("/patients/" + patient + list);
                assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                assertThat(answer.body().path("upToDate").isBoolean()).as(list + ": " + answer).isTrue();
                assertThat(answer.body().path("upToDate").asBoolean()).isFalse();
            }
            Response prescriptions = api.as(Identity.patient(patient)).get("/patients/" + patient + "/prescriptions");
            assertThat(prescriptions.body().has("upToDate")).as("the prescriptions are kept: " + prescriptions)
                    .isFalse();
        }
    }
}

package org.eprescription.api.alerts;

import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.NodesOnMovedDays;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * A dispensing made while alerts were switched off leaves its prescription unchecked for as long as its course may
 * run, which is as long as its quantity covers, up to its line's days, whatever days the items say (docs/alerts.md,
 * "After alerts were switched off"). 28 tablets of a 28-day line recorded as 1 day run 28 days: a check on day 40 of a
 * course dispensed on day 20 must not answer "complete" with nothing found.
 */
class DispensedWhileSwitchedOffIT {

    @Test
    void aDispensingRecordedAsOneDayWhileSwitchedOffIsUncheckedForTheDaysItsQuantityCovers() {
        NodesOnMovedDays nodes = new NodesOnMovedDays("px_dispensed_off");
        String patient = unique("PAT");
        String pharmacy = unique("PH");
        String prescription;

        try (ConfigurableApplicationContext on = nodes.start()) {
            HttpApi api = ExchangeNode.api(on);
            // day 0, alerts on: 28 tablets of amlodipine for 28 days, checked at issue
            Response issued = api.post("/prescriptions", issueFor(patient, unique("HOSP"), AMLODIPINE_BRAND, 28));
            assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
            prescription = issued.text("prescriptionId");
            Response accepted = api.post("/prescriptions/accept",
                    accept(issued.text("exchangeCode"), BIRTH_DATE, pharmacy));
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        }

        nodes.moveToDay(20);
        try (ConfigurableApplicationContext off = nodes.start(
                "--exchange.alerts.enabled=false")) {
            HttpApi api = ExchangeNode.api(off);
            // day 20, alerts off: all 28 tablets handed out, recorded as 1 day: the course runs to day 47
            Response dispensed = api.post("/prescriptions/" + prescription + "/dispense",
                    dispense(pharmacy, true, item(1, AMLODIPINE_BRAND, 28, 1)));
            assertThat(dispensed.status()).as(dispensed.toString()).isEqualTo(200);
        }

        nodes.moveToDay(40);
        try (ConfigurableApplicationContext on = nodes.start()) {
            HttpApi api = ExchangeNode.api(on);
            // day 40, alerts on: another hospital issues amlodipine for the same patient
            Response issued = api.post("/prescriptions", issueFor(patient, unique("HOSP"), AMLODIPINE_BRAND, 28));
            assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
            assertThat(issued.body().path("alerts"))
                    .as("the course dispensed while alerts were off is not in the course record").isEmpty();
            assertThat(issued.body().path("alertCheck").path("complete").asBoolean())
                    .as("an empty list here is not \"nothing found\": " + issued).isFalse();
            assertThat(issued.body().path("alertCheck").path("uncheckedCourses").path("prescriptions").asInt())
                    .isEqualTo(1);
        }
    }
}

package org.eprescription.api.replay;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.IssuedPrescription;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;

/** The view is derived data: replaying the event store from the start rebuilds exactly the same rows. */
class PrescriptionViewRebuildIT extends ExchangeIntegrationTest {

    @Autowired
    EventProcessingConfiguration eventProcessing;

    @Autowired
    JdbcClient jdbc;

    @Test
    void replayingTheEventStoreRebuildsTheSameViewRows() {
        IssuedPrescription dispensed = issued(issue(unique("HOSP")));
        api().post("/prescriptions/accept", accept(dispensed.exchangeCode(), BIRTH_DATE, "PH-A"));
        api().post(dispensed.path() + "/dispense", dispense("PH-A", false, item(1, AMLODIPINE_BRAND, 7, 7)));
        IssuedPrescription cancelled = issued(issue(unique("HOSP")));
        api().post(cancelled.path() + "/cancel", Map.of("reason", "x"), prescriberHeaders(cancelled.institutionId()));
        List<String> before = allRows();
        jdbc.sql("update prescription_view set status = 'TAMPERED', version = version + 100").update();

        StreamingEventProcessor processor = eventProcessing
                .eventProcessor("prescription-view", StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(allRows()).isEqualTo(before));
        assertThat(before).hasSizeGreaterThanOrEqualTo(2);
    }

    private List<String> allRows() {
        return jdbc.sql("select row_to_json(v)::text from prescription_view v order by prescription_id")
                .query(String.class).list();
    }
}

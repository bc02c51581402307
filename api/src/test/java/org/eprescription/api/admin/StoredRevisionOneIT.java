package org.eprescription.api.admin;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.StoredEvents;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;


import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;

/**
 * A PrescriptionIssued stored as revision 1, before key ids, is read through the application's upcaster as key "k1",
 * and the aggregate and the projections still work from it.
 */
class StoredRevisionOneIT extends ExchangeIntegrationTest {

    @Autowired
    EventStore eventStore;

    @Autowired
    StoredEvents storedEvents;

    @Test
    void aPrescriptionIssuedUnderRevisionOneIsReadThroughTheUpcaster() {
        String id = UUID.randomUUID().toString();
        storedEvents.storeRevisionOneIssue(id, "revision-one-");

        PrescriptionIssued read = (PrescriptionIssued) eventStore.readEvents(id).next().getPayload();
        assertThat(read.exchangeCodeKeyId()).isEqualTo("k1");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api().get("/prescriptions/" + id).status() == 200);
        HttpApi.Response cancelled = api().post("/prescriptions/" + id + "/cancel", Map.of("reason", "old revision"),
                prescriberHeaders("HOSP-R1"));

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        assertThat(api().post("/admin/projections/prescription-view/verify", Map.of()).body()
                .path("differences").asLong()).isZero();
    }
}

package org.eprescription.api.admin;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
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
    JdbcClient jdbc;

    @Autowired
    EventStore eventStore;

    @Test
    void aPrescriptionIssuedUnderRevisionOneIsReadThroughTheUpcaster() {
        String id = UUID.randomUUID().toString();
        String payload = """
                {"prescriptionId":"%s","patient":{"id":"PAT-R1-%s","birthDate":"1958-04-02","name":null},\
                "prescriber":{"id":"DOC-17","institutionId":"HOSP-R1"},"lines":[{"lineNumber":1,\
                "drugCode":"2171022F1021","quantity":28,"unit":"tablet","dosage":"1 tablet once daily after breakfast",\
                "days":28}],"refills":0,"validUntil":"2099-12-02","exchangeCodeHash":"revision-one-%s",\
                "acknowledgedAlerts":[],"issuedAt":"2026-11-29T08:36:26.138752315Z"}""".formatted(id, id, id);
        String metadata = "{\"actorId\":\"DOC-17\",\"patientId\":\"PAT-R1-" + id + "\",\"actorRole\":\"PRESCRIBER\"}";
        jdbc.sql("""
                        insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                            metadata, payload, payloadrevision, payloadtype, timestamp)
                        values (:id, 0, 'Prescription', :eventId, :metadata, :payload, '1',
                            'org.eprescription.core.prescription.event.PrescriptionIssued',
                            '2026-11-29T08:36:26.138752315Z')
                        """)
                .param("id", id)
                .param("eventId", UUID.randomUUID().toString())
                .param("metadata", metadata.getBytes(StandardCharsets.UTF_8))
                .param("payload", payload.getBytes(StandardCharsets.UTF_8))
                .update();

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

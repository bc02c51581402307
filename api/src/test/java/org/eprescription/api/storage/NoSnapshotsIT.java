package org.eprescription.api.storage;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.IssuedPrescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;

/**
 * The event store neither reads nor writes snapshots (docs/architecture.md, step 4): an aggregate is loaded from its
 * events alone, whatever the snapshot table holds, and storing a snapshot is refused. An aggregate's events are read
 * whole however many batches they fill.
 */
class NoSnapshotsIT extends ExchangeIntegrationTest {

    @Autowired
    EventStorageEngine engine;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSnapshotInTheTableIsNeverReadAndTheAggregateComesFromItsEvents() {
        IssuedPrescription prescription = issued(issue("HOSP-SNAP"));
        jdbc.sql("""
                        INSERT INTO snapshotevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                                                        metadata, payload, payloadrevision, payloadtype, timestamp)
                        VALUES (:id, 0, 'Prescription', :eventId, :metaData, :payload, null,
                                'org.eprescription.core.prescription.Prescription', '2026-01-01T00:00:00Z')""")
                .param("id", prescription.id())
                .param("eventId", UUID.randomUUID().toString())
                .param("metaData", "{}".getBytes(StandardCharsets.UTF_8))
                .param("payload", "{}".getBytes(StandardCharsets.UTF_8))
                .update();

        assertThat(engine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(engine.readSnapshot(prescription.id())).isEmpty();
        HttpApi.Response cancelled = api().post(prescription.path() + "/cancel", Map.of("reason", "entered twice"),
                prescriberHeaders("HOSP-SNAP"));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 99, 100, 101, 250})
    void anAggregateIsReadWholeWhereverItsEventsEndAgainstTheBatches(int events) {
        String aggregate = UUID.randomUUID().toString();
        List<DomainEventMessage<?>> appended = new ArrayList<>();
        for (int sequence = 0; sequence < events; sequence++) {
            appended.add(new GenericDomainEventMessage<>("BatchProbe", aggregate, sequence, "event " + sequence));
        }
        engine.appendEvents(appended);

        List<Long> read = engine.readEvents(aggregate).asStream().map(DomainEventMessage::getSequenceNumber).toList();

        assertThat(read).hasSize(events).containsExactlyElementsOf(LongStream.range(0, events).boxed().toList());
        assertThat(engine.lastSequenceNumberFor(aggregate)).contains((long) events - 1);
    }

    @Test
    void storingASnapshotIsRefused() {
        var snapshot = new GenericDomainEventMessage<>("Prescription", UUID.randomUUID().toString(), 3, Map.of());

        assertThatThrownBy(() -> engine.storeSnapshot(snapshot))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("keeps no snapshots");
    }
}

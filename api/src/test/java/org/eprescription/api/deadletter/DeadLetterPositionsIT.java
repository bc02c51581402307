package org.eprescription.api.deadletter;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.ProbeEvents;
import org.eprescription.query.prescription.PrescriptionViewProjection;
import org.eprescription.query.support.StorePositions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.ProbeEvents.first;

/**
 * A dead letter comes back with the token it was stored with; an event read after a later-numbered one is stored
 * with a token at its own position, so that a projection retrying it records where it stands in the store
 * (docs/architecture.md, "Positions").
 */
class DeadLetterPositionsIT extends ExchangeIntegrationTest {

    @Autowired
    EventStorageEngine engine;

    @Autowired
    EventProcessingConfiguration eventProcessing;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aLateEventRetriedFromTheQueueTellsItsOwnPosition() {
        ProbeEvents.Late read = ProbeEvents.readLate(engine, jdbc);
        assertThat(StorePositions.of(read.message())).as("the engine tells the late event's own position")
                .isEqualTo(read.early());

        EventMessage<?> retried = throughTheQueue(read.message());

        assertThat(retried.getPayload()).isEqualTo("early");
        assertThat(StorePositions.of(retried)).isEqualTo(read.early());
    }

    @Test
    void anEventReadInOrderKeepsItsToken() {
        long position = append("in order");
        TrackedEventMessage<?> read = first(engine.readEvents(
                GapAwareTrackingToken.newInstance(position - 1, new TreeSet<>()), false));

        EventMessage<?> retried = throughTheQueue(read);

        assertThat(retried.getPayload()).isEqualTo("in order");
        assertThat(((TrackedEventMessage<?>) retried).trackingToken()).isEqualTo(read.trackingToken());
        assertThat(StorePositions.of(retried)).isEqualTo(position);
    }

    /** Parks the event in the prescription view's queue, reads its letter back and takes it out again. */
    private EventMessage<?> throughTheQueue(TrackedEventMessage<?> event) {
        SequencedDeadLetterQueue<EventMessage<?>> queue =
                eventProcessing.<EventMessage<?>>deadLetterQueue(PrescriptionViewProjection.PROCESSING_GROUP)
                        .orElseThrow();
        String sequence = "position-probe-" + UUID.randomUUID();
        queue.enqueue(sequence, new GenericDeadLetter<>(sequence, event, new IllegalStateException("probe")));
        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        queue.deadLetterSequence(sequence).forEach(letters::add);
        letters.forEach(queue::evict);
        assertThat(letters).hasSize(1);
        return letters.get(0).message();
    }

    private long append(String payload) {
        return ProbeEvents.append(engine, jdbc, payload);
    }
}

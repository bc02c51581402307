package org.eprescription.api.storage;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.ProbeEvents;
import org.eprescription.query.support.StorePositions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.ProbeEvents.first;

/**
 * An event whose transaction commits after a later-numbered one's is read after it, with a tracking token that tells
 * the later position; the store's engine tells its own (docs/architecture.md, "Positions"), which is what a replay,
 * reading every event in order, sees.
 */
class LateCommittedEventsIT extends ExchangeIntegrationTest {

    @Autowired
    EventStorageEngine engine;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anEventReadAfterALaterOneTellsItsOwnPositionWhileItsTokenTellsTheLaterOne() {
        ProbeEvents.Late read = ProbeEvents.readLate(engine, jdbc);

        assertThat(read.message().getPayload()).isEqualTo("early");
        assertThat(read.message().trackingToken().position()).hasValue(read.later());
        assertThat(StorePositions.of(read.message())).isEqualTo(read.early());
        assertThat(read.message()).isInstanceOf(PositionedEventMessage.class);
    }

    @Test
    void eventsReadInOrderTellTheirTokensPositionsAndAreNotWrapped() {
        long first = append("first");
        long second = append("second");

        List<TrackedEventMessage<?>> read = new ArrayList<>();
        try (Stream<? extends TrackedEventMessage<?>> events =
                     engine.readEvents(GapAwareTrackingToken.newInstance(first - 1, new TreeSet<>()), false)) {
            events.filter(event -> event instanceof DomainEventMessage<?> probe
                    && probe.getType().equals("PositionProbe")).limit(2).forEach(read::add);
        }

        assertThat(read).extracting(event -> (Object) event.getPayload()).containsExactly("first", "second");
        assertThat(read).extracting(StorePositions::of).containsExactly(first, second);
        assertThat(read).noneMatch(PositionedEventMessage.class::isInstance);
    }

    @Test
    void aCopyWithAnotherTokenOrMoreMetadataKeepsTheOwnPosition() {
        ProbeEvents.Late read = ProbeEvents.readLate(engine, jdbc);
        TrackedEventMessage<?> late = read.message();

        TrackedEventMessage<?> copied = (TrackedEventMessage<?>) late.withTrackingToken(GapAwareTrackingToken
                .newInstance(read.later() + 5, new TreeSet<>())).andMetaData(Map.of("traceId", "t-1"));

        assertThat(StorePositions.of(copied)).isEqualTo(read.early());
        assertThat(copied.trackingToken().position()).hasValue(read.later() + 5);
        assertThat(copied.getMetaData()).containsEntry("traceId", "t-1");
        assertThat(copied.getPayload()).isEqualTo("early");
        assertThat(StorePositions.of(late.withMetaData(Map.of()))).isEqualTo(read.early());
    }

    private long append(String payload) {
        return ProbeEvents.append(engine, jdbc, payload);
    }
}

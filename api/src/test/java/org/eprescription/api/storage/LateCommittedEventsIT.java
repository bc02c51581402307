package org.eprescription.api.storage;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.query.support.StorePositions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

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
        long early = append("early");
        long later = append("later");
        // the reader has read the later event while the early one's transaction had not committed yet
        var readerSawLater = GapAwareTrackingToken.newInstance(later, new TreeSet<>(List.of(early)));

        TrackedEventMessage<?> late = first(engine.readEvents(readerSawLater, false));

        assertThat(late.getPayload()).isEqualTo("early");
        assertThat(late.trackingToken().position()).hasValue(later);
        assertThat(StorePositions.of(late)).isEqualTo(early);
        assertThat(late).isInstanceOf(PositionedEventMessage.class);
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
        long early = append("early");
        long later = append("later");
        TrackedEventMessage<?> late = first(engine.readEvents(
                GapAwareTrackingToken.newInstance(later, new TreeSet<>(List.of(early))), false));

        TrackedEventMessage<?> copied = (TrackedEventMessage<?>) late.withTrackingToken(
                GapAwareTrackingToken.newInstance(later + 5, new TreeSet<>())).andMetaData(Map.of("traceId", "t-1"));

        assertThat(StorePositions.of(copied)).isEqualTo(early);
        assertThat(copied.trackingToken().position()).hasValue(later + 5);
        assertThat(copied.getMetaData()).containsEntry("traceId", "t-1");
        assertThat(copied.getPayload()).isEqualTo("early");
        assertThat(StorePositions.of(late.withMetaData(Map.of()))).isEqualTo(early);
    }

    private long append(String payload) {
        String aggregate = UUID.randomUUID().toString();
        engine.appendEvents(new GenericDomainEventMessage<>("PositionProbe", aggregate, 0, payload));
        return jdbc.sql("select globalindex from domainevententry where aggregateidentifier = ?")
                .param(aggregate).query(Long.class).single();
    }

    private static TrackedEventMessage<?> first(Stream<? extends TrackedEventMessage<?>> events) {
        try (events) {
            return events.findFirst().orElseThrow();
        }
    }
}

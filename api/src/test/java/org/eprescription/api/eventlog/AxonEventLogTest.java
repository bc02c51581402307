package org.eprescription.api.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.eprescription.testsupport.QuietEventSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link AxonEventLog} on Axon's in-memory event store: what the exports and verify rely on, without a server. */
class AxonEventLogTest {

    record Issued(String prescriptionId, int lines) {
    }

    record Accepted(String prescriptionId, String pharmacyId) {
    }

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    private final ObjectMapper json = new ObjectMapper();
    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(json).build();
    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final AxonEventLog log = new AxonEventLog(store, serializer);

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void everyEventComesInGlobalOrderWithItsPlaceTypeTimeAndJson() throws IOException {
        append("p1", 0, new Issued("p1", 2), minutes(0));
        append("p2", 0, new Issued("p2", 1), minutes(1));
        append("p1", 1, new Accepted("p1", "PH-9"), minutes(2));

        List<StoredEvent> all = read(new EventFilter(null, null, null));

        assertThat(all).extracting(StoredEvent::globalIndex).containsExactly(0L, 1L, 2L);
        assertThat(all).extracting(StoredEvent::aggregateId).containsExactly("p1", "p2", "p1");
        assertThat(all).extracting(StoredEvent::sequence).containsExactly(0L, 0L, 1L);
        assertThat(all).extracting(StoredEvent::type).containsExactly("Issued", "Issued", "Accepted");
        assertThat(all.get(2).payloadType()).isEqualTo(Accepted.class.getName());
        assertThat(Instant.parse(all.get(1).timestamp())).isEqualTo(minutes(1));
        assertThat(tree(all.get(2).payload())).isEqualTo(json.valueToTree(new Accepted("p1", "PH-9")));
        assertThat(tree(all.get(2).metadata())).isEqualTo(json.valueToTree(Map.of("actorId", "actor-p1")));
    }

    @Test
    void theTimeRangeIsHalfOpen() {
        for (int minute = 0; minute < 4; minute++) {
            append("p" + minute, 0, new Issued("p" + minute, 1), minutes(minute));
        }

        List<StoredEvent> range = read(new EventFilter(minutes(1), minutes(3), null));

        assertThat(range).extracting(StoredEvent::aggregateId).containsExactly("p1", "p2");
    }

    @Test
    void anEventStampedOutOfOrderWithinTheMarginIsStillFoundAndKeepsItsPlace() {
        append("early", 0, new Issued("early", 1), minutes(0));
        append("inside", 0, new Issued("inside", 1), minutes(10));
        // appended after "inside" by a node whose clock was 4 minutes behind
        append("late", 0, new Issued("late", 1), minutes(6));
        append("after", 0, new Issued("after", 1), minutes(16));

        List<StoredEvent> range = read(new EventFilter(minutes(7), minutes(12), null));
        List<StoredEvent> before = read(new EventFilter(null, minutes(7), null));

        assertThat(range).extracting(StoredEvent::aggregateId).containsExactly("inside");
        assertThat(before).extracting(StoredEvent::aggregateId).containsExactly("early", "late");
    }

    @Test
    void theTypeFilterTakesTheSimpleClassName() {
        append("p1", 0, new Issued("p1", 1), minutes(0));
        append("p1", 1, new Accepted("p1", "PH-1"), minutes(1));
        append("p2", 0, new Issued("p2", 1), minutes(2));

        List<StoredEvent> accepted = read(new EventFilter(null, null, "Accepted"));
        List<StoredEvent> issuedFromMinuteOne = read(new EventFilter(minutes(1), null, "Issued"));

        assertThat(accepted).extracting(StoredEvent::aggregateId).containsExactly("p1");
        assertThat(accepted).extracting(StoredEvent::globalIndex).containsExactly(1L);
        assertThat(issuedFromMinuteOne).extracting(StoredEvent::aggregateId).containsExactly("p2");
    }

    @Test
    void theHeadIsTheNewestEventsIndexAndMinusOneWhileTheStoreIsEmpty() {
        assertThat(log.head()).isEqualTo(-1);
        assertThat(read(new EventFilter(null, null, null))).isEmpty();

        append("p1", 0, new Issued("p1", 1), minutes(0));
        append("p1", 1, new Accepted("p1", "PH-1"), minutes(1));

        assertThat(log.head()).isEqualTo(1);
    }

    @Test
    void eventsAppendedWhileReadingAreLeftForTheNextRead() {
        append("p1", 0, new Issued("p1", 1), minutes(0));
        append("p2", 0, new Issued("p2", 1), minutes(1));
        List<String> seen = new ArrayList<>();

        log.forEach(new EventFilter(null, null, null), event -> {
            seen.add(event.aggregateId());
            if (seen.size() == 1) {
                append("p3", 0, new Issued("p3", 1), minutes(2));
            }
        });

        assertThat(seen).containsExactly("p1", "p2");
        assertThat(read(new EventFilter(null, null, null))).hasSize(3);
    }

    @Test
    void anEventWithoutAnAggregateIsListedUnderItsOwnIdAsSequenceZero() {
        String id = UUID.randomUUID().toString();
        store.publish(new GenericEventMessage<>(id, new Issued("none", 0), Map.of(), minutes(0)));

        List<StoredEvent> all = read(new EventFilter(null, null, null));

        assertThat(all).singleElement().satisfies(event -> {
            assertThat(event.aggregateId()).isEqualTo(id);
            assertThat(event.sequence()).isZero();
        });
    }

    @Test
    void aStoreThatStopsDeliveringBeforeItsHeadFailsTheReadInsteadOfEndingItShort() {
        AxonEventLog stalled = new AxonEventLog(new QuietEventSource(4), serializer, Duration.ofMinutes(5),
                Duration.ofMillis(50));
        List<StoredEvent> seen = new ArrayList<>();

        assertThatThrownBy(() -> stalled.forEach(new EventFilter(null, null, null), seen::add))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("head 4");
        assertThat(seen).isEmpty();
    }

    private void append(String prescription, long sequence, Object payload, Instant at) {
        store.publish(new GenericDomainEventMessage<>("Prescription", prescription, sequence, payload,
                Map.of("actorId", "actor-" + prescription), UUID.randomUUID().toString(), at));
    }

    private List<StoredEvent> read(EventFilter filter) {
        List<StoredEvent> events = new ArrayList<>();
        log.forEach(filter, events::add);
        return events;
    }

    private JsonNode tree(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant minutes(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }
}

package org.eprescription.api.support;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

/** Events of no prescription, appended straight through the store's engine to see where the store puts them. */
public final class ProbeEvents {

    private ProbeEvents() {
    }

    /** Appends a {@code PositionProbe} event of an aggregate of its own; answers its global position. */
    public static long append(EventStorageEngine engine, JdbcClient jdbc, String payload) {
        String aggregate = UUID.randomUUID().toString();
        engine.appendEvents(new GenericDomainEventMessage<>("PositionProbe", aggregate, 0, payload));
        return jdbc.sql("select globalindex from domainevententry where aggregateidentifier = ?")
                .param(aggregate).query(Long.class).single();
    }

    /** Two probes, {@code early} and {@code later}, and the early one as a reader reads it after the later one. */
    public record Late(long early, long later, TrackedEventMessage<?> message) {
    }

    /**
     * Appends two probes and reads the early one as a reader that has read the later one while the early one's
     * transaction had not committed yet: with the later position as its token's and the early one as a gap.
     */
    public static Late readLate(EventStorageEngine engine, JdbcClient jdbc) {
        long early = append(engine, jdbc, "early");
        long later = append(engine, jdbc, "later");
        var readerSawLater = GapAwareTrackingToken.newInstance(later, new TreeSet<>(List.of(early)));
        return new Late(early, later, first(engine.readEvents(readerSawLater, false)));
    }

    /** The first event a read gives, the read closed. */
    public static TrackedEventMessage<?> first(Stream<? extends TrackedEventMessage<?>> events) {
        try (events) {
            return events.findFirst().orElseThrow();
        }
    }
}

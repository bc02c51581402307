package org.eprescription.api.storage;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Axon's JDBC storage engine for a store that keeps no snapshots. Axon reads the snapshot table before the events on
 * every aggregate load, one statement more per command, to find nothing: the exchange never makes snapshots, because
 * a prescription has a handful of events (docs/architecture.md, step 4). So this engine does not look, and it refuses
 * to store one, so that configuring a snapshot trigger fails loudly instead of writing snapshots nobody reads. Events
 * are always read from the first, so even a snapshot some earlier version left in the table changes nothing.
 *
 * <p>An event read after a later-numbered one (its transaction committed after that one's) carries a tracking token
 * that tells the later position; this engine hands it out as a {@link PositionedEventMessage} that also tells its own
 * (docs/architecture.md, "Positions").
 */
class EventsOnlyJdbcStorageEngine extends JdbcEventStorageEngine {

    EventsOnlyJdbcStorageEngine(Builder builder) {
        super(builder);
    }

    /**
     * Axon's JDBC engine reads an aggregate's events in ranges of sequence numbers, a batch wide, and after a range
     * that held fewer events than a batch it reads once more, in case the sequence numbers have a hole. Here they run
     * from 0 without one (each event takes the next number, the table's unique key refuses a second, and no event is
     * ever deleted), so such a range holds the last event: one statement per load instead of two.
     */
    @Override
    protected boolean fetchForAggregateUntilEmpty() {
        return false;
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedEventData<?> read = super.getTrackedEventData(resultSet, previousToken);
        long position = resultSet.getLong(schema().globalIndexColumn());
        return read.trackingToken().position().orElse(position) == position
                ? read : new ReadAfterLaterEvent<>(read, position);
    }

    /**
     * Axon's reading, upcasting and deserialising, with each late event's message marked with its own position: the
     * stream's late events are noted by event id on their way in (upcasters keep an event's id) and found again on
     * the way out. One stream is read by one thread at a time.
     */
    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        Map<String, Long> latePositions = new HashMap<>();
        Stream<? extends TrackedEventData<?>> data = readEventData(trackingToken, mayBlock).peek(event -> {
            if (event instanceof ReadAfterLaterEvent<?> late) {
                latePositions.put(late.getEventIdentifier(), late.position);
            }
        });
        return EventUtils.upcastAndDeserializeTrackedEvents(data, getEventSerializer(), upcasterChain).map(message -> {
            Long position = latePositions.isEmpty() ? null : latePositions.remove(message.getIdentifier());
            return position == null ? message : PositionedEventMessage.of(message, position);
        });
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Stream.empty();
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        throw new UnsupportedOperationException("the exchange keeps no snapshots (docs/architecture.md, step 4): "
                + "aggregate " + snapshot.getAggregateIdentifier() + " would get one nobody reads");
    }

    /** A tracked event whose token tells a later position than its own. */
    private static final class ReadAfterLaterEvent<T> extends TrackedDomainEventData<T> {

        private final long position;

        @SuppressWarnings("unchecked")
        ReadAfterLaterEvent(TrackedEventData<T> read, long position) {
            super(read.trackingToken(), (DomainEventData<T>) read);
            this.position = position;
        }
    }
}

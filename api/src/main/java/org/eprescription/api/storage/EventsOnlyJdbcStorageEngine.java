package org.eprescription.api.storage;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

import java.util.stream.Stream;

/**
 * Axon's JDBC storage engine for a store that keeps no snapshots. Axon reads the snapshot table before the events on
 * every aggregate load, one statement more per command, to find nothing: the exchange never makes snapshots, because
 * a prescription has a handful of events (docs/architecture.md, step 4). So this engine does not look, and it refuses
 * to store one, so that configuring a snapshot trigger fails loudly instead of writing snapshots nobody reads. Events
 * are always read from the first, so even a snapshot some earlier version left in the table changes nothing.
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
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Stream.empty();
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        throw new UnsupportedOperationException("the exchange keeps no snapshots (docs/architecture.md, step 4): "
                + "aggregate " + snapshot.getAggregateIdentifier() + " would get one nobody reads");
    }
}

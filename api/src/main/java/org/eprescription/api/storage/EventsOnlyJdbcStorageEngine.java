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

package org.eprescription.api.admin;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.eprescription.query.rebuild.CommittedEvents;
import org.eprescription.query.rebuild.EventReplayer;
import org.eprescription.query.rebuild.ScratchTables;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Optional;

/** Rebuilds read the event store directly, not through the projections' prompt source: nothing waits on them. */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

    @Bean
    EventReplayer eventReplayer(EventStore eventStore, ScratchTables scratch) {
        return new EventReplayer(eventStore, scratch);
    }

    /**
     * The last events of a replay of a table kept in the commands' transactions. On Axon's embedded store with its JDBC
     * engine, read by the engine itself, each batch in a query of its own: the store's streams share a reader that
     * fetches on its own schedule and would not look again at a gap the replay passed. With any other store (Axon
     * Server, where the global order has no gaps), a stream read up to the head.
     */
    @Bean
    CommittedEvents committedEvents(EventStore eventStore, ObjectProvider<EventStorageEngine> storageEngines) {
        Optional<EventStorageEngine> engine = eventStore instanceof EmbeddedEventStore
                ? storageEngines.stream().filter(JdbcEventStorageEngine.class::isInstance).findFirst()
                : Optional.empty();
        if (engine.isPresent()) {
            EventStorageEngine jdbc = engine.get();
            return token -> jdbc.readEvents(token, false);
        }
        return new StreamedToHead(eventStore);
    }
}

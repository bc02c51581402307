package org.eprescription.api.storage;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Two nodes, each with its own cache, over one store (in memory here; on PostgreSQL in
 * {@code AggregatesBetweenCommandsIT}): a node uses its cached aggregate only while the store holds nothing newer.
 */
class StoreCheckedCachingRepositoryTest {

    private final CountingStorageEngine store = new CountingStorageEngine();
    private final Configuration nodeA = node(store);
    private final Configuration nodeB = node(store);

    @AfterEach
    void stop() {
        nodeA.shutdown();
        nodeB.shutdown();
    }

    @Test
    void aCachedAggregateIsUsedWithoutReadingItsEventsAgain() {
        nodeA.commandGateway().sendAndWait(new Open("shelf-1"));
        nodeA.commandGateway().sendAndWait(new Take("shelf-1", "PH-A"));
        store.reads.clear();

        nodeA.commandGateway().sendAndWait(new GiveBack("shelf-1"));

        assertThat(store.reads).as("only the events after the cached one were asked for").containsExactly("shelf-1@2");
    }

    @Test
    void anEventAnotherNodeAppendedIsSeenBeforeTheCommandIsDecided() {
        nodeA.commandGateway().sendAndWait(new Open("shelf-1"));
        nodeA.commandGateway().sendAndWait(new Take("shelf-1", "PH-A"));
        nodeB.commandGateway().sendAndWait(new GiveBack("shelf-1"));

        // node A's cache still has the shelf taken by PH-A; the store says it was given back
        nodeA.commandGateway().sendAndWait(new Take("shelf-1", "PH-B"));

        assertThat(holderStoredIn("shelf-1")).isEqualTo("PH-B");
    }

    @Test
    void aRefusedCommandDropsTheCachedAggregate() {
        nodeA.commandGateway().sendAndWait(new Open("shelf-1"));
        nodeA.commandGateway().sendAndWait(new Take("shelf-1", "PH-A"));
        assertThatThrownBy(() -> nodeA.commandGateway().sendAndWait(new Take("shelf-1", "PH-B")))
                .hasMessageContaining("held by PH-A");
        store.reads.clear();

        nodeA.commandGateway().sendAndWait(new GiveBack("shelf-1"));

        assertThat(store.reads).as("loaded from the first event").containsExactly("shelf-1@0");
    }

    private String holderStoredIn(String shelf) {
        DomainEventStream events = nodeA.eventStore().readEvents(shelf);
        String holder = null;
        while (events.hasNext()) {
            Object payload = events.next().getPayload();
            holder = payload instanceof Taken taken ? taken.holder() : payload instanceof GivenBack ? null : holder;
        }
        return holder;
    }

    private static Configuration node(CountingStorageEngine store) {
        Configuration configuration = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(c -> store)
                .configureAggregate(StoreCheckedCachingRepository.aggregate(Shelf.class, new StrongCache()))
                .buildConfiguration();
        configuration.start();
        return configuration;
    }

    record Open(@TargetAggregateIdentifier String shelfId) {
    }

    record Take(@TargetAggregateIdentifier String shelfId, String holder) {
    }

    record GiveBack(@TargetAggregateIdentifier String shelfId) {
    }

    record Opened(String shelfId) {
    }

    record Taken(String shelfId, String holder) {
    }

    record GivenBack(String shelfId) {
    }

    /** Held by one holder at a time, like a prescription by a pharmacy. */
    static class Shelf {

        @AggregateIdentifier
        private String shelfId;
        private String holder;

        Shelf() {
        }

        @CommandHandler
        Shelf(Open command) {
            apply(new Opened(command.shelfId()));
        }

        @CommandHandler
        void handle(Take command) {
            if (holder != null) {
                throw new IllegalStateException("held by " + holder);
            }
            apply(new Taken(shelfId, command.holder()));
        }

        @CommandHandler
        void handle(GiveBack command) {
            apply(new GivenBack(shelfId));
        }

        @EventSourcingHandler
        void on(Opened event) {
            shelfId = event.shelfId();
        }

        @EventSourcingHandler
        void on(Taken event) {
            holder = event.holder();
        }

        @EventSourcingHandler
        void on(GivenBack event) {
            holder = null;
        }
    }

    /** Notes each aggregate read as id@first sequence number. */
    static class CountingStorageEngine extends InMemoryEventStorageEngine {

        final List<String> reads = new CopyOnWriteArrayList<>();

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            reads.add(aggregateIdentifier + "@" + firstSequenceNumber);
            return super.readEvents(aggregateIdentifier, firstSequenceNumber);
        }
    }

    /** Keeps every entry: the production cache's weak references would make the outcome depend on the collector. */
    static class StrongCache implements Cache {

        private final Map<Object, Object> entries = new ConcurrentHashMap<>();

        @Override
        @SuppressWarnings("unchecked")
        public <K, V> V get(K key) {
            return (V) entries.get(key);
        }

        @Override
        public void put(Object key, Object value) {
            entries.put(key, value);
        }

        @Override
        public boolean putIfAbsent(Object key, Object value) {
            return entries.putIfAbsent(key, value) == null;
        }

        @Override
        public boolean remove(Object key) {
            return entries.remove(key) != null;
        }

        @Override
        public boolean containsKey(Object key) {
            return entries.containsKey(key);
        }

        @Override
        public Registration registerCacheEntryListener(EntryListener listener) {
            return () -> true;
        }
    }
}

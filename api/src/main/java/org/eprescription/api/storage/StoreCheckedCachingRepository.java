package org.eprescription.api.storage;

import org.axonframework.common.caching.Cache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.RepositorySpanFactory;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

/**
 * Axon's caching repository, made safe for a store that several nodes append to (docs/architecture.md, "Aggregates
 * kept between commands"). An aggregate found in the cache is used only if the store holds no event after the
 * cached one: one statement that finds nothing, where a load without the cache reads and deserialises every event of
 * the aggregate. If another node appended in the meantime, the cached state is dropped and the aggregate is loaded
 * from the store. Without that check a node could refuse a command on state another node had already changed (an
 * accept refused as "held" after the holding pharmacy released the prescription on the other node): a command that
 * appends on stale state fails on the store's unique (aggregate, sequence) key, but a refusal appends nothing.
 *
 * <p>Axon drops a cached aggregate whenever its unit of work rolls back (a refusal, a failed append, a failed
 * commit), so a cached aggregate is always one whose events are stored.
 */
public final class StoreCheckedCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final EventStore eventStore;
    private final Cache cache;

    private StoreCheckedCachingRepository(Builder<T> builder, EventStore eventStore, Cache cache) {
        super(builder);
        this.eventStore = eventStore;
        this.cache = cache;
    }

    /**
     * The aggregate of {@code type} with this repository and {@code cache}, configured as Axon's default repository
     * of an event-sourced aggregate otherwise is.
     */
    public static <T> AggregateConfigurer<T> aggregate(Class<T> type, Cache cache) {
        return AggregateConfigurer.defaultConfiguration(type)
                .configureRepository(configuration -> repository(type, configuration, cache));
    }

    static <T> StoreCheckedCachingRepository<T> repository(Class<T> type, Configuration configuration, Cache cache) {
        EventStore eventStore = configuration.eventStore();
        Builder<T> builder = EventSourcingRepository.builder(type)
                .aggregateModel(AnnotatedAggregateMetaModelFactory.inspectAggregate(type,
                        configuration.parameterResolverFactory(), configuration.handlerDefinition(type)))
                .eventStore(eventStore)
                .repositoryProvider(configuration::repository)
                .spanFactory(configuration.getComponent(RepositorySpanFactory.class))
                .cache(cache);
        return new StoreCheckedCachingRepository<>(builder, eventStore, cache);
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        boolean cached = cache.containsKey(aggregateIdentifier);
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (cached && storedAfter(aggregateIdentifier, aggregate.version())) {
            cache.remove(aggregateIdentifier);
            aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        }
        return aggregate;
    }

    private boolean storedAfter(String aggregateIdentifier, Long version) {
        return eventStore.readEvents(aggregateIdentifier, version == null ? 0 : version + 1).hasNext();
    }
}

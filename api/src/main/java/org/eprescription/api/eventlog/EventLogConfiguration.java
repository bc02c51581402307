package org.eprescription.api.eventlog;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/**
 * Reads the events where they are written. The choice follows the event store actually built, not a property:
 * the event table is read directly only when the event store is Axon's embedded one on its JDBC engine (the default
 * profile); with any other store (Axon Server under the {@code axonserver} profile) the table stays empty, and the
 * events are read through Axon's streaming API instead.
 */
@Configuration(proxyBeanMethods = false)
public class EventLogConfiguration {

    @Bean
    EventLog eventLog(EventStore eventStore, ObjectProvider<EventStorageEngine> storageEngines,
                      @Qualifier("eventSerializer") Serializer eventSerializer, DataSource dataSource,
                      PlatformTransactionManager transactions) {
        if (writesToTheEventTable(eventStore, storageEngines)) {
            return new JdbcEventLog(dataSource, transactions);
        }
        return new AxonEventLog(eventStore, eventSerializer);
    }

    static boolean writesToTheEventTable(EventStore eventStore, ObjectProvider<EventStorageEngine> storageEngines) {
        return eventStore instanceof EmbeddedEventStore
                && storageEngines.stream().anyMatch(JdbcEventStorageEngine.class::isInstance);
    }
}

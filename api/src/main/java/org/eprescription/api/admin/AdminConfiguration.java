package org.eprescription.api.admin;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.eprescription.query.rebuild.EventReplayer;
import org.eprescription.query.rebuild.ScratchTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Rebuilds read the event store directly, not through the projections' prompt source: nothing waits on them. */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

    @Bean
    EventReplayer eventReplayer(EventStore eventStore, ScratchTables scratch) {
        return new EventReplayer(eventStore, scratch);
    }
}

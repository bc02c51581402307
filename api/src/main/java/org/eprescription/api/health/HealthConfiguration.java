package org.eprescription.api.health;

import org.axonframework.config.EventProcessingConfiguration;
import org.eprescription.api.admin.ProjectionAdmin;
import org.eprescription.query.rebuild.EventReplayer;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Health beyond Boot's own (db, liveness, readiness): the event processors that keep the views current. */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

    @Bean
    HealthContributor eventProcessors(EventProcessingConfiguration eventProcessing, EventReplayer events,
                                      ProjectionAdmin projections) {
        return new EventProcessorsHealth(eventProcessing, events, projections);
    }
}

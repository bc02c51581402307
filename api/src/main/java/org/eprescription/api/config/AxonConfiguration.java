package org.eprescription.api.config;

import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.eprescription.api.actor.ActorRequiredInterceptor;
import org.eprescription.api.actor.CommandMetadata;
import org.eprescription.api.storage.PostgresUniqueViolationResolver;
import org.eprescription.api.storage.PromptEventSource;
import org.eprescription.api.storage.StoreCheckedCachingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.eprescription.core.consent.PatientConsent;
import org.eprescription.core.prescription.Prescription;
import org.eprescription.core.prescription.event.AlertAcknowledgedUpcaster;
import org.eprescription.core.prescription.event.DispensingCorrectedUpcaster;
import org.eprescription.core.prescription.event.PrescriptionExpiredUpcaster;
import org.eprescription.core.prescription.event.PrescriptionDispensedUpcaster;
import org.eprescription.core.prescription.event.PrescriptionAmendedUpcaster;
import org.eprescription.core.prescription.event.InteractionCheckCompletedUpcaster;
import org.eprescription.core.record.event.DispensingRecordCheckedUpcaster;
import org.eprescription.core.record.event.RecordItemsUpcaster;
import org.eprescription.core.prescription.event.PrescriptionIssuedUpcaster;
import org.eprescription.core.prescription.event.RefillScheduledUpcaster;
import org.eprescription.core.record.DispensingRecord;
import org.eprescription.query.alerts.PatientSequencingPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.ZoneId;

/** Wires prescription-core into Axon: the aggregate, PostgreSQL's duplicate-key code, and audit metadata. */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /**
     * prescription-core knows nothing of Spring, so its aggregates are registered here instead of by annotation; a
     * command finds its aggregate as {@code command/CommandHandlingConfiguration} says. Each is kept between commands
     * while memory allows (a weak-reference cache of its own), and used again only while the store holds no later
     * event ({@link StoreCheckedCachingRepository}).
     */
    @Bean
    ConfigurerModule aggregates() {
        return configurer -> configurer
                .configureAggregate(StoreCheckedCachingRepository.aggregate(Prescription.class, new WeakReferenceCache()))
                .configureAggregate(StoreCheckedCachingRepository.aggregate(PatientConsent.class,
                        new WeakReferenceCache()))
                .configureAggregate(StoreCheckedCachingRepository.aggregate(DispensingRecord.class,
                        new WeakReferenceCache()));
    }

    /**
     * Axon's default logs a failing projection handler and skips the event, which silently corrupts a view.
     * Propagating makes the processor retry the batch instead.
     */
    @Bean
    ConfigurerModule propagateProjectionErrors() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }

    /** Which processor runs which projection ({@link ProjectionProcessorLayout}). */
    @Bean
    ConfigurerModule projectionProcessorLayout() {
        return ProjectionProcessorLayout.assignments();
    }

    /** The source every pooled projection reads from (axon.eventhandling.processors.*.source). */
    @Bean(destroyMethod = "close")
    PromptEventSource promptEventSource(EventStore eventStore, ExchangeProperties properties) {
        return new PromptEventSource(eventStore, properties.views().remotePollInterval());
    }

    /** One patient's events in order, in both projections (axon.eventhandling.processors.*.sequencing-policy). */
    @Bean
    PatientSequencingPolicy patientSequencingPolicy() {
        return new PatientSequencingPolicy();
    }

    /** Stored events of older revisions are read as the current ones, through these upcasters in this order. */
    @Bean
    ConfigurerModule upcasters(ExchangeProperties properties) {
        ZoneId legacyZone = properties.legacyEventZone();
        return configurer -> configurer
                .registerEventUpcaster(configuration -> new PrescriptionIssuedUpcaster(legacyZone))
                .registerEventUpcaster(configuration -> new PrescriptionDispensedUpcaster(legacyZone))
                .registerEventUpcaster(configuration -> new PrescriptionAmendedUpcaster())
                .registerEventUpcaster(configuration -> new DispensingCorrectedUpcaster())
                .registerEventUpcaster(configuration -> new AlertAcknowledgedUpcaster())
                .registerEventUpcaster(configuration -> new PrescriptionExpiredUpcaster())
                .registerEventUpcaster(configuration -> new RefillScheduledUpcaster())
                .registerEventUpcaster(configuration -> new InteractionCheckCompletedUpcaster())
                .registerEventUpcaster(configuration -> new DispensingRecordCheckedUpcaster())
                .registerEventUpcaster(configuration -> RecordItemsUpcaster.ofRegistrations())
                .registerEventUpcaster(configuration -> RecordItemsUpcaster.ofCorrections());
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresUniqueViolationResolver();
    }

    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /** Who did it, for whom, and under which idempotency key: copied from each command onto its events. */
    @Bean
    CorrelationDataProvider actorMetadataProvider() {
        return new SimpleCorrelationDataProvider(CommandMetadata.AUDIT_KEYS.toArray(String[]::new));
    }

    /** No event without an actor: commands without actor metadata are refused before their handler runs. */
    @Bean
    ActorRequiredInterceptor actorRequiredInterceptor() {
        return new ActorRequiredInterceptor();
    }
}

package org.eprescription.api.stream;

import org.axonframework.common.Registration;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.DefaultSubscriptionQueryResult;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.eprescription.api.config.ExchangeProperties;
import org.eprescription.query.prescription.PrescriptionView;
import org.eprescription.query.prescription.PrescriptionViewUpdates;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Opens Server-Sent Event streams over a query's answer and the {@link PrescriptionView}s that change it: the stream
 * follows the changes ({@link PrescriptionViewUpdates#follow}) before it reads the answer, so no change falls between.
 *
 * <p>The events: {@code snapshot} (id = the highest global position among the views shown) and then
 * {@code change} (id = the global position of the event that made the change), heartbeats as comment lines.
 * A client reconnecting with {@code Last-Event-ID} gets a fresh snapshot, which shows everything that happened
 * while it was away; a change may repeat what a snapshot already shows (compare {@code version}).
 */
@Component
public class LiveStreams {

    private final QueryGateway queryGateway;
    private final PrescriptionViewUpdates updates;
    private final Scheduler writers;
    private final ExchangeProperties.Streams settings;

    public LiveStreams(QueryGateway queryGateway, PrescriptionViewUpdates updates,
                       @Qualifier(StreamConfiguration.WRITERS) Scheduler writers, ExchangeProperties properties) {
        this.queryGateway = queryGateway;
        this.updates = updates;
        this.writers = writers;
        this.settings = properties.streams();
    }

    public <Q, I> SseEmitter open(Q query, ResponseType<I> initialType, StreamFormat<I> format) {
        Sinks.Many<PrescriptionView> changes = Sinks.many().unicast().onBackpressureBuffer();
        Registration following = updates.follow(query, change -> {
            synchronized (changes) {
                changes.tryEmitNext(change);
            }
        });
        SubscriptionQueryResult<I, PrescriptionView> subscription = new DefaultSubscriptionQueryResult<>(
                Mono.fromFuture(() -> queryGateway.query(query, initialType)), changes.asFlux(), following);
        SseEmitter emitter = new SseEmitter(settings.timeout().toMillis());
        new LiveStream<>(emitter, subscription, format).start(writers, settings.heartbeat(), settings.bufferSize());
        return emitter;
    }
}

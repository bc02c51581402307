package org.eprescription.api.stream;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.eprescription.api.config.ExchangeProperties;
import org.eprescription.query.prescription.PrescriptionView;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.scheduler.Scheduler;

/**
 * Opens Server-Sent Event streams over subscription queries whose updates are {@link PrescriptionView}s.
 *
 * <p>The events: {@code snapshot} (id = the highest global position among the views shown) and then
 * {@code change} (id = the global position of the event that made the change), heartbeats as comment lines.
 * A client reconnecting with {@code Last-Event-ID} gets a fresh snapshot, which shows everything that happened
 * while it was away; a change may repeat what a snapshot already shows (compare {@code version}).
 */
@Component
public class LiveStreams {

    private final QueryGateway queryGateway;
    private final Scheduler writers;
    private final ExchangeProperties.Streams settings;

    public LiveStreams(QueryGateway queryGateway, @Qualifier(StreamConfiguration.WRITERS) Scheduler writers,
                       ExchangeProperties properties) {
        this.queryGateway = queryGateway;
        this.writers = writers;
        this.settings = properties.streams();
    }

    public <Q, I> SseEmitter open(Q query, ResponseType<I> initialType, StreamFormat<I> format) {
        SubscriptionQueryResult<I, PrescriptionView> subscription = queryGateway.subscriptionQuery(query, initialType,
                ResponseTypes.instanceOf(PrescriptionView.class));
        SseEmitter emitter = new SseEmitter(settings.timeout().toMillis());
        new LiveStream<>(emitter, subscription, format).start(writers, settings.heartbeat(), settings.bufferSize());
        return emitter;
    }
}

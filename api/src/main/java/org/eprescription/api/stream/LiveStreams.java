package org.eprescription.api.stream;

import org.axonframework.common.Registration;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.DefaultSubscriptionQueryResult;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.eprescription.api.config.ExchangeProperties;
import org.eprescription.api.security.CurrentUser;
import org.eprescription.query.prescription.PrescriptionView;
import org.eprescription.query.prescription.PrescriptionViewUpdates;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * Opens Server-Sent Event streams over a query's answer and the {@link PrescriptionView}s that change it: the stream
 * follows the changes ({@link PrescriptionViewUpdates#follow}) before it reads the answer, so no change falls between.
 *
 * <p>The events: {@code snapshot} (id = the highest global position among the views shown) and then
 * {@code change} (id = the global position of the event that made the change), heartbeats as comment lines.
 * A client reconnecting with {@code Last-Event-ID} gets a fresh snapshot, which shows everything that happened
 * while it was away; a change may repeat what a snapshot already shows (compare {@code version}).
 *
 * <p>A stream lasts no longer than the bearer token it was opened with: when that expires, the stream sends
 * {@code token-expired} and ends, and the client opens it again with a fresh token (docs/http-api.md, "Live streams").
 */
@Component
public class LiveStreams {

    private final QueryGateway queryGateway;
    private final PrescriptionViewUpdates updates;
    private final Scheduler writers;
    private final ExchangeProperties.Streams settings;
    private final CurrentUser currentUser;
    private final Clock tokenClock;

    /** Tokens expire by real time, as the token decoder judges them (not by the exchange's clock, which tests move). */
    @Autowired
    public LiveStreams(QueryGateway queryGateway, PrescriptionViewUpdates updates,
                       @Qualifier(StreamConfiguration.WRITERS) Scheduler writers, ExchangeProperties properties,
                       CurrentUser currentUser) {
        this(queryGateway, updates, writers, properties, currentUser, Clock.systemUTC());
    }

    LiveStreams(QueryGateway queryGateway, PrescriptionViewUpdates updates, Scheduler writers,
                ExchangeProperties properties, CurrentUser currentUser, Clock tokenClock) {
        this.queryGateway = queryGateway;
        this.updates = updates;
        this.writers = writers;
        this.settings = properties.streams();
        this.currentUser = currentUser;
        this.tokenClock = tokenClock;
    }

    /** A stream whose snapshot is {@code query}'s answer, read once the stream follows its changes. */
    public <Q, I> SseEmitter open(Q query, ResponseType<I> initialType, StreamFormat<I> format) {
        Sinks.Many<PrescriptionView> changes = changes();
        Registration following = follow(query, changes);
        return start(new DefaultSubscriptionQueryResult<>(
                Mono.fromFuture(() -> queryGateway.query(query, initialType)), changes.asFlux(), following), format);
    }

    /**
     * A stream whose snapshot is what {@code initial} reads, in the request's thread, once the stream follows
     * {@code query}'s changes: a read that also decides whether the caller may see it (and throws if not, ending the
     * request as that read would) shows the snapshot it decided on, and no change made after it is missed.
     */
    public <Q, I> SseEmitter openWithSnapshot(Q query, Supplier<I> initial, StreamFormat<I> format) {
        Sinks.Many<PrescriptionView> changes = changes();
        Registration following = follow(query, changes);
        I snapshot;
        try {
            snapshot = initial.get();
        } catch (RuntimeException refused) {
            following.cancel();
            throw refused;
        }
        return start(new DefaultSubscriptionQueryResult<>(Mono.just(snapshot), changes.asFlux(), following), format);
    }

    private static Sinks.Many<PrescriptionView> changes() {
        return Sinks.many().unicast().onBackpressureBuffer();
    }

    private Registration follow(Object query, Sinks.Many<PrescriptionView> changes) {
        return updates.follow(query, change -> {
            synchronized (changes) {
                changes.tryEmitNext(change);
            }
        });
    }

    private <I> SseEmitter start(SubscriptionQueryResult<I, PrescriptionView> subscription, StreamFormat<I> format) {
        SseEmitter emitter = new SseEmitter(settings.timeout().toMillis());
        new LiveStream<>(emitter, subscription, format, currentUser.tokenExpiresAt().orElse(null), tokenClock)
                .start(writers, settings.heartbeat(), settings.bufferSize());
        return emitter;
    }
}

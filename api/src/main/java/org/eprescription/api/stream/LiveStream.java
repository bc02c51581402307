package org.eprescription.api.stream;

import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.eprescription.query.prescription.PrescriptionView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client's live view: the snapshot, then every change and a heartbeat when idle, written to an
 * {@link SseEmitter} on a writer thread, until the token it was opened with expires ({@code token-expired}, then the
 * end: nothing is written after the expiry, whatever was waiting).
 *
 * <p>Updates arrive on the projection's thread and only go into this stream's bounded buffer there; everything
 * else (composing bodies, serializing, writing to the socket) happens on the writer thread. A client that reads
 * too slowly fills its buffer; the stream is then closed, and the client reconnects to a fresh snapshot.
 * Closing (client gone, write failed, timeout, overflow) stops following the changes, exactly once.
 */
final class LiveStream<I> {

    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);
    /** How long a client waits before reconnecting after the stream ends. */
    private static final long RECONNECT_MILLIS = 1000;

    private final SseEmitter emitter;
    private final SubscriptionQueryResult<I, PrescriptionView> subscription;
    private final StreamFormat<I> format;
    /** When the token the stream was opened with expires, null if never; nothing is written from then on. */
    private final Instant tokenExpiresAt;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Disposable pipeline;

    LiveStream(SseEmitter emitter, SubscriptionQueryResult<I, PrescriptionView> subscription, StreamFormat<I> format,
               Instant tokenExpiresAt, Clock clock) {
        this.emitter = emitter;
        this.subscription = subscription;
        this.format = format;
        this.tokenExpiresAt = tokenExpiresAt;
        this.clock = clock;
    }

    void start(Scheduler writers, Duration heartbeat, int bufferSize) {
        emitter.onCompletion(this::close);
        emitter.onTimeout(() -> {
            close();
            complete();
        });
        emitter.onError(error -> close());
        Flux<StreamItem> changes = subscription.updates()
                .<StreamItem>map(StreamItem.Change::new)
                .onBackpressureBuffer(bufferSize, dropped -> overflowed(bufferSize), BufferOverflowStrategy.ERROR);
        Flux<StreamItem> heartbeats = Flux.interval(heartbeat, heartbeat)
                .<StreamItem>map(tick -> new StreamItem.Heartbeat())
                .onBackpressureDrop();
        // an idle stream ends at the token's expiry too, not only at the next item
        Flux<StreamItem> expiry = tokenExpiresAt == null ? Flux.never()
                : Mono.delay(untilExpiry()).<StreamItem>map(tick -> new StreamItem.TokenExpired()).flux();
        Flux<StreamItem> items = Flux.concat(subscription.initialResult().map(StreamItem.Snapshot::new),
                Flux.merge(changes, heartbeats, expiry));
        pipeline = items.publishOn(writers, 1)
                .doFinally(signal -> close())
                .subscribe(this::write, this::failed, this::complete);
        if (closed.get()) {
            pipeline.dispose();
        }
    }

    /** The body of the {@code token-expired} event. */
    record TokenExpiredNotice(Instant expiredAt, String detail) {
    }

    private boolean tokenExpired() {
        return tokenExpiresAt != null && !clock.instant().isBefore(tokenExpiresAt);
    }

    private Duration untilExpiry() {
        Duration left = Duration.between(clock.instant(), tokenExpiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    boolean isClosed() {
        return closed.get();
    }

    @SuppressWarnings("unchecked")
    private void write(StreamItem item) {
        if (closed.get()) {
            return;
        }
        try {
            if (item instanceof StreamItem.TokenExpired || tokenExpired()) {
                log.debug("live stream closed: the token it was opened with expired at {}", tokenExpiresAt);
                emitter.send(SseEmitter.event().name("token-expired").reconnectTime(RECONNECT_MILLIS)
                        .data(new TokenExpiredNotice(tokenExpiresAt, "the token this stream was opened with has "
                                + "expired; open the stream again with a fresh token"), MediaType.APPLICATION_JSON));
                close();
                complete();
                return;
            }
            if (item instanceof StreamItem.Snapshot snapshot) {
                I initial = (I) snapshot.initial();
                emitter.send(SseEmitter.event().name("snapshot").id(Long.toString(format.snapshotPosition(initial)))
                        .reconnectTime(RECONNECT_MILLIS).data(format.snapshot(initial), MediaType.APPLICATION_JSON));
            } else if (item instanceof StreamItem.Change change) {
                if (format.alreadyShown(change.view())) {
                    return;
                }
                if (!format.stillReadable(change.view())) {
                    log.debug("live stream closed: its reader may no longer read {}", change.view().prescriptionId());
                    close();
                    complete();
                    return;
                }
                format.beforeChange(change.view());
                emitter.send(SseEmitter.event().name("change").id(Long.toString(change.view().lastPosition()))
                        .data(format.change(change.view()), MediaType.APPLICATION_JSON));
            } else {
                emitter.send(SseEmitter.event().comment("heartbeat"));
            }
        } catch (IOException e) {
            // the container ends the request itself and calls onError; touching the emitter again is not allowed
            log.debug("live stream closed, its client went away: {}", e.toString());
            close();
        } catch (RuntimeException e) {
            log.warn("live stream closed, an event could not be written", e);
            close();
            complete();
        }
    }

    private void failed(Throwable error) {
        log.debug("live stream failed: {}", error.toString());
        close();
        complete();
    }

    /** Ends the response, unless the container already ended it (client gone, timeout). */
    private void complete() {
        try {
            emitter.complete();
        } catch (IllegalStateException alreadyEnded) {
            log.debug("live stream already ended: {}", alreadyEnded.getMessage());
        }
    }

    /** On the projection's thread: give up this stream without waiting for its writer, which may be stuck. */
    private void overflowed(int bufferSize) {
        log.info("live stream closed: its client left more than {} changes unread", bufferSize);
        close();
        Schedulers.boundedElastic().schedule(this::complete);
    }

    private void close() {
        if (closed.compareAndSet(false, true)) {
            subscription.cancel();
            Disposable running = pipeline;
            if (running != null) {
                running.dispose();
            }
        }
    }
}

package org.eprescription.api.storage;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The event store as a source for pooled streaming processors, with streams that say when events may be there.
 *
 * <p>The embedded event store's streams do not support availability callbacks, so a pooled processor that has
 * caught up looks again only every 500 ms: every command's answer would wait that long for its view. This source
 * nudges the processors right after a local commit (a few times, since the store's own reader fetches the new
 * events asynchronously) and every {@code remotePollInterval} for events that other nodes appended.
 */
public class PromptEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {

    private static final long[] NUDGES_AFTER_COMMIT_MS = {1, 10, 50};

    private final EventStore delegate;
    private final Set<NotifyingStream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-source-nudger");
        thread.setDaemon(true);
        return thread;
    });

    public PromptEventSource(EventStore delegate, Duration remotePollInterval) {
        this.delegate = delegate;
        delegate.subscribe(events -> {
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(unitOfWork -> nudgeSoon());
            } else {
                nudgeSoon();
            }
        });
        long interval = remotePollInterval.toMillis();
        timer.scheduleWithFixedDelay(this::nudge, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        NotifyingStream stream = new NotifyingStream(delegate.openStream(trackingToken));
        streams.add(stream);
        return stream;
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return delegate.createTokenSince(duration);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void nudgeSoon() {
        for (long delay : NUDGES_AFTER_COMMIT_MS) {
            timer.schedule(this::nudge, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void nudge() {
        streams.forEach(NotifyingStream::notifyAvailable);
    }

    private final class NotifyingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        private volatile Runnable callback;

        NotifyingStream(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        void notifyAvailable() {
            Runnable current = callback;
            if (current != null) {
                current.run();
            }
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return stream.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            streams.remove(this);
            callback = null;
            stream.close();
        }
    }
}

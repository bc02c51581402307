package org.eprescription.testsupport;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An event store whose head is at a given position but whose stream delivers nothing: it waits out every read, as
 * a broken connection does, or fails it once told to ({@link #failReads()}). It records whether its stream was closed.
 */
public final class QuietEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final long head;
    private volatile boolean failReads;
    private volatile boolean closed;

    public QuietEventSource(long head) {
        this.head = head;
    }

    /** From now on a read fails with "the store is gone" instead of waiting. */
    public QuietEventSource failReads() {
        failReads = true;
        return this;
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new BlockingStream<>() {
            @Override
            public Optional<TrackedEventMessage<?>> peek() {
                return Optional.empty();
            }

            @Override
            public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
                if (failReads) {
                    throw new IllegalStateException("the store is gone");
                }
                unit.sleep(timeout);
                return false;
            }

            @Override
            public TrackedEventMessage<?> nextAvailable() {
                throw new IllegalStateException("nothing available");
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        return new GlobalSequenceTrackingToken(head);
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        throw new UnsupportedOperationException();
    }
}

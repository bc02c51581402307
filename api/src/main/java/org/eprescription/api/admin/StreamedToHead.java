package org.eprescription.api.admin;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.eprescription.query.rebuild.CommittedEvents;
import org.eprescription.query.rebuild.EventReplayer;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The events after a token through Axon's streaming API, up to the head as it stands when asked: for a store whose
 * global order has no gaps (Axon Server), where the head tells everything appended. A stream that delivers nothing
 * for {@value #SILENCE_SECONDS} s before the head fails the read instead of ending it short.
 */
final class StreamedToHead implements CommittedEvents {

    private static final int SILENCE_SECONDS = 30;

    private final StreamableMessageSource<TrackedEventMessage<?>> source;

    StreamedToHead(StreamableMessageSource<TrackedEventMessage<?>> source) {
        this.source = source;
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> after(TrackingToken token) {
        long head = EventReplayer.position(source.createHeadToken());
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(token);
        Iterator<TrackedEventMessage<?>> events = new Iterator<>() {

            private TrackedEventMessage<?> next;
            private long reached = EventReplayer.position(token);

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (reached >= head) {
                    return false;
                }
                try {
                    if (!stream.hasNextAvailable(SILENCE_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the event store delivered nothing for " + SILENCE_SECONDS
                                + " s at position " + reached + ", before its head " + head);
                    }
                    next = stream.nextAvailable();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted reading the events up to " + head, e);
                }
                reached = EventReplayer.position(next.trackingToken());
                return true;
            }

            @Override
            public TrackedEventMessage<?> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                TrackedEventMessage<?> event = next;
                next = null;
                return event;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(events, Spliterator.ORDERED), false)
                .onClose(stream::close);
    }
}

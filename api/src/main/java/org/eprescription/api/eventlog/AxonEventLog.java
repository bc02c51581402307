package org.eprescription.api.eventlog;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.eprescription.query.support.StorePositions;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The events of any Axon event store, read through its streaming API (what Axon Server offers): a stream opened at
 * {@link StreamableMessageSource#createTokenAt} and read up to {@link StreamableMessageSource#createHeadToken}, one
 * event at a time, so memory stays constant.
 *
 * <p>Events arrive as every reader of the store sees them, upcast to their current revision. Payload and metadata
 * are written with the application's event serializer, to the JSON the JDBC engine stores: a payload the serializer
 * still holds in serialized form (an event as read from the store) is converted to bytes without being deserialized
 * at all.
 *
 * <p>The global order is the order of appending, and an event's timestamp is taken by the node that created it, so
 * timestamps along the stream are not strictly increasing (nodes' clocks differ, and a command's events are appended
 * a little after they were created). The stream therefore opens {@link #DEFAULT_MARGIN} before {@code from} and is
 * read until an event stamped that much after {@code to}; inside, every event is checked against the filter. An event
 * out of order by more than the margin at either end of the range would be missed.
 */
public class AxonEventLog implements EventLog {

    /** How far timestamps along the stream are assumed to be out of order at most. */
    static final Duration DEFAULT_MARGIN = Duration.ofMinutes(5);
    /** How long the stream may deliver nothing before the head is reached until the read is given up as failed. */
    static final Duration DEFAULT_STALL_LIMIT = Duration.ofSeconds(30);

    private final StreamableMessageSource<TrackedEventMessage<?>> source;
    private final Serializer serializer;
    private final Duration margin;
    private final Duration stallLimit;

    public AxonEventLog(StreamableMessageSource<TrackedEventMessage<?>> source, Serializer eventSerializer) {
        this(source, eventSerializer, DEFAULT_MARGIN, DEFAULT_STALL_LIMIT);
    }

    AxonEventLog(StreamableMessageSource<TrackedEventMessage<?>> source, Serializer eventSerializer, Duration margin,
                 Duration stallLimit) {
        this.source = source;
        this.serializer = eventSerializer;
        this.margin = margin;
        this.stallLimit = stallLimit;
    }

    @Override
    public void forEach(EventFilter filter, Consumer<StoredEvent> consumer) {
        long head = head();
        TrackingToken start = filter.from() == null ? null : source.createTokenAt(filter.from().minus(margin));
        Instant stopAt = filter.to() == null ? null : filter.to().plus(margin);
        long position = position(start);
        if (position >= head) {
            return;
        }
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(start)) {
            while (position < head) {
                if (!stream.hasNextAvailable((int) stallLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("the event store delivered nothing for " + stallLimit
                            + " at position " + position + ", before its head " + head);
                }
                TrackedEventMessage<?> event = stream.nextAvailable();
                position = position(event.trackingToken());
                if (position > head || stopAt != null && !event.getTimestamp().isBefore(stopAt)) {
                    return;
                }
                if (filter.from() == null || !event.getTimestamp().isBefore(filter.from())) {
                    offer(event, filter, consumer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("reading the event store was interrupted at position " + position, e);
        }
    }

    @Override
    public long head() {
        return position(source.createHeadToken());
    }

    private void offer(TrackedEventMessage<?> event, EventFilter filter, Consumer<StoredEvent> consumer) {
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        String payloadType = payload.getType().getName();
        if (!filter.admits(event.getTimestamp(), StoredEvent.simpleName(payloadType))) {
            return;
        }
        byte[] metadata = event.serializeMetaData(serializer, byte[].class).getData();
        // Axon's JDBC engine stores an event without an aggregate under its own id as sequence 0
        String aggregateId = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier()
                : event.getIdentifier();
        long sequence = event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0;
        // upcast when read: the payload has the current revision's shape
        consumer.accept(new StoredEvent(StorePositions.of(event), aggregateId, sequence, payloadType,
                event.getTimestamp().toString(), payload.getData(), metadata, payload.getType().getRevision()));
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}

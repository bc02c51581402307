package org.eprescription.api.storage;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.Message;
import org.eprescription.query.support.StorePositions;

import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A tracked event that tells its own position in the store where its token tells a later one (an event whose
 * transaction committed after a later-numbered one's). Copies made along the way (another token, other metadata)
 * keep the position.
 */
final class PositionedEventMessage<T> extends GenericTrackedDomainEventMessage<T> implements StorePositions.Known {

    private final long position;

    private PositionedEventMessage(TrackingToken token, DomainEventMessage<T> event, Message<T> delegate,
                                   Supplier<Instant> timestamp, long position) {
        super(token, event.getType(), event.getAggregateIdentifier(), event.getSequenceNumber(), delegate, timestamp);
        this.position = position;
    }

    /** The message, telling {@code position} as its own; a message of no aggregate (none is stored here) as it is. */
    static TrackedEventMessage<?> of(TrackedEventMessage<?> message, long position) {
        return message instanceof DomainEventMessage<?> event ? positioned(message.trackingToken(), event, position)
                : message;
    }

    private static <T> PositionedEventMessage<T> positioned(TrackingToken token, DomainEventMessage<T> event,
                                                            long position) {
        return new PositionedEventMessage<>(token, event, event, event::getTimestamp, position);
    }

    @Override
    public long storePosition() {
        return position;
    }

    @Override
    public PositionedEventMessage<T> withTrackingToken(TrackingToken token) {
        return new PositionedEventMessage<>(token, this, getDelegate(), this::getTimestamp, position);
    }

    @Override
    public PositionedEventMessage<T> withMetaData(Map<String, ?> metaData) {
        return positioned(trackingToken(), super.withMetaData(metaData), position);
    }

    @Override
    public PositionedEventMessage<T> andMetaData(Map<String, ?> metaData) {
        return positioned(trackingToken(), super.andMetaData(metaData), position);
    }
}

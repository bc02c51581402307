package org.eprescription.query.support;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * An event's global position: where the store appended it. A tracking token tells it for an event read in the order
 * of appending, but on PostgreSQL events are numbered when appended and become visible when their transaction commits,
 * so an event whose transaction committed after a later-numbered one arrives after it, and its token tells the
 * later position (the furthest the reader has come). The event store's engine marks such an event with its own
 * position ({@link Known}); a view that records positions reads them here, so that a replay, which reads every event
 * in order, records the same (docs/architecture.md, "Positions").
 */
public final class StorePositions {

    /** A message that knows the position of its event where its tracking token tells a later one. */
    public interface Known {
        long storePosition();
    }

    private StorePositions() {
    }

    /** The message's event's position in the store; -1 for a message not read from the store. */
    public static long of(EventMessage<?> message) {
        if (message instanceof Known known) {
            return known.storePosition();
        }
        if (message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            return tracked.trackingToken().position().orElse(-1);
        }
        return -1;
    }
}

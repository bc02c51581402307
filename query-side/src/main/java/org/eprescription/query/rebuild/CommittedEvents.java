package org.eprescription.query.rebuild;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

import java.util.stream.Stream;

/**
 * Every event the store holds after a token, read afresh when asked: also one stored behind a gap the token still
 * has (on PostgreSQL an event can commit after a later one was read) and committed since. A replay of a table kept in
 * the commands' transactions reads the last events this way while the table is locked against those commands, so
 * that nothing a command wrote to the live table is missing from the copy (docs/architecture.md, "Replays and
 * verification").
 */
@FunctionalInterface
public interface CommittedEvents {

    /** The events after {@code token} (all of them for null), in the store's order; close the stream when done. */
    Stream<? extends TrackedEventMessage<?>> after(TrackingToken token);
}

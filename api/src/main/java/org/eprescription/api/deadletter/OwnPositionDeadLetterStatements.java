package org.eprescription.api.deadletter;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.DefaultDeadLetterStatementFactory;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.serialization.Serializer;
import org.eprescription.query.support.StorePositions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;

/**
 * Axon's JDBC dead-letter statements, except that an event whose tracking token tells a later position than its own
 * (one read after a later-numbered event, {@link StorePositions.Known}) is stored with a token at its own position. A
 * dead letter comes back with the token it was stored with and nothing else, so this is how a retried event still
 * tells the projection where it stands in the store (docs/architecture.md, "Positions"). Only the projection reads
 * that token: a retry never moves the processor's own token.
 */
final class OwnPositionDeadLetterStatements extends DefaultDeadLetterStatementFactory<EventMessage<?>> {

    OwnPositionDeadLetterStatements(DeadLetterSchema schema, Serializer genericSerializer, Serializer eventSerializer) {
        super(DefaultDeadLetterStatementFactory.<EventMessage<?>>builder()
                .schema(schema).genericSerializer(genericSerializer).eventSerializer(eventSerializer));
    }

    @Override
    public PreparedStatement enqueueStatement(Connection connection, String processingGroup,
                                              String sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter,
                                              long sequenceIndex) throws SQLException {
        return super.enqueueStatement(connection, processingGroup, sequenceIdentifier,
                atOwnPosition(sequenceIdentifier, letter), sequenceIndex);
    }

    private static DeadLetter<? extends EventMessage<?>> atOwnPosition(String sequenceIdentifier,
                                                                       DeadLetter<? extends EventMessage<?>> letter) {
        if (!(letter.message() instanceof StorePositions.Known known)
                || !(letter.message() instanceof TrackedEventMessage<?> tracked)) {
            return letter;
        }
        var ownToken = GapAwareTrackingToken.newInstance(known.storePosition(), Collections.emptySortedSet());
        return new GenericDeadLetter<EventMessage<?>>(sequenceIdentifier, tracked.withTrackingToken(ownToken),
                letter.cause().orElse(null), letter.enqueuedAt(), letter.lastTouched(), letter.diagnostics());
    }
}

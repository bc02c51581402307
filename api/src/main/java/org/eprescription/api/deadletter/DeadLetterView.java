package org.eprescription.api.deadletter;

import java.time.Instant;

/** One event a projection could not handle, as GET /admin/dead-letters lists it. */
public record DeadLetterView(String id, String processingGroup, String sequenceIdentifier, String eventType,
                             String aggregateIdentifier, Long sequenceNumber, Instant enqueuedAt,
                             Instant lastTouched, Cause cause) {

    /** Why the last attempt failed: the exception's class and message. */
    public record Cause(String type, String message) {
    }
}

package org.eprescription.core.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/**
 * A dispensing registered without an electronic prescription (a paper prescription, in-hospital dispensing),
 * identified by a UUID that the client may choose so that a retried registration is recognised.
 */
public record DispensingRecordId(UUID value) {

    /** Prefix of the aggregate identifier: a record's events never share a stream with a prescription's. */
    private static final String STREAM_PREFIX = "dispensing-record:";

    public DispensingRecordId {
        Objects.requireNonNull(value, "DispensingRecordId must not be null");
    }

    public static DispensingRecordId random() {
        return new DispensingRecordId(UUID.randomUUID());
    }

    @JsonCreator
    public static DispensingRecordId of(String value) {
        return new DispensingRecordId(UUID.fromString(value));
    }

    @JsonValue
    public String asString() {
        return value.toString();
    }

    /**
     * Axon uses this as the aggregate identifier. Prefixed, so that a client choosing a prescription's UUID as a
     * record id cannot make the record load the prescription's events.
     */
    @Override
    public String toString() {
        return STREAM_PREFIX + value;
    }
}

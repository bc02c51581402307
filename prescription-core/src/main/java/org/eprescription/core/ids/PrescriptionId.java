package org.eprescription.core.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** A prescription, identified by a UUID that the client may choose so that a retried issue is recognised. */
public record PrescriptionId(UUID value) {

    public PrescriptionId {
        Objects.requireNonNull(value, "PrescriptionId must not be null");
    }

    public static PrescriptionId random() {
        return new PrescriptionId(UUID.randomUUID());
    }

    @JsonCreator
    public static PrescriptionId of(String value) {
        return new PrescriptionId(UUID.fromString(value));
    }

    @JsonValue
    public String asString() {
        return value.toString();
    }

    /** Axon uses this as the aggregate identifier. */
    @Override
    public String toString() {
        return value.toString();
    }
}

package org.eprescription.core.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** A pharmacist's query to the prescriber (疑義照会) about one prescription. */
public record QueryId(UUID value) {

    public QueryId {
        Objects.requireNonNull(value, "QueryId must not be null");
    }

    public static QueryId random() {
        return new QueryId(UUID.randomUUID());
    }

    @JsonCreator
    public static QueryId of(String value) {
        return new QueryId(UUID.fromString(value));
    }

    @JsonValue
    public String asString() {
        return value.toString();
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

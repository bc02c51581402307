package org.eprescription.core.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A duplicate or interaction alert, derived deterministically from what it links. */
public record AlertId(String value) {

    public AlertId {
        value = Identifiers.requireText(value, "AlertId");
    }

    @JsonCreator
    public static AlertId of(String value) {
        return new AlertId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}

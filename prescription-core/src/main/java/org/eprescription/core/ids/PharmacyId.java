package org.eprescription.core.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A pharmacy that accepts and dispenses prescriptions. */
public record PharmacyId(String value) {

    public PharmacyId {
        value = Identifiers.requireText(value, "PharmacyId");
    }

    @JsonCreator
    public static PharmacyId of(String value) {
        return new PharmacyId(value);
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

package org.eprescription.core.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The pharmacist who acts for a pharmacy. */
public record PharmacistId(String value) {

    public PharmacistId {
        value = Identifiers.requireText(value, "PharmacistId");
    }

    @JsonCreator
    public static PharmacistId of(String value) {
        return new PharmacistId(value);
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

package org.eprescription.core.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The doctor (as identified by the EHR) who issued a prescription. */
public record PrescriberId(String value) {

    public PrescriberId {
        value = Identifiers.requireText(value, "PrescriberId");
    }

    @JsonCreator
    public static PrescriberId of(String value) {
        return new PrescriberId(value);
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

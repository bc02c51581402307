package org.eprescription.core.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The patient a prescription is for, as the EHR and the exchange know them. */
public record PatientId(String value) {

    public PatientId {
        value = Identifiers.requireText(value, "PatientId");
    }

    @JsonCreator
    public static PatientId of(String value) {
        return new PatientId(value);
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

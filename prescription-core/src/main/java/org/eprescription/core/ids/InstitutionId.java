package org.eprescription.core.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The hospital or clinic a prescriber issues for. */
public record InstitutionId(String value) {

    public InstitutionId {
        value = Identifiers.requireText(value, "InstitutionId");
    }

    @JsonCreator
    public static InstitutionId of(String value) {
        return new InstitutionId(value);
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

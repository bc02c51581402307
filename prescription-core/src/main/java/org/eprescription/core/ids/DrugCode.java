package org.eprescription.core.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A drug product code of the catalogue (the 12-character YJ layout in Japan). */
public record DrugCode(String value) {

    public DrugCode {
        value = Identifiers.requireText(value, "DrugCode");
    }

    @JsonCreator
    public static DrugCode of(String value) {
        return new DrugCode(value);
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

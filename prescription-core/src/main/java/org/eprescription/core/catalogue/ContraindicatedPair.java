package org.eprescription.core.catalogue;

import java.util.Objects;

/** Two ingredients that must never be combined (併用禁忌); the order does not matter. */
public record ContraindicatedPair(String ingredientA, String ingredientB, String note) {

    public ContraindicatedPair {
        Objects.requireNonNull(ingredientA, "ingredientA");
        Objects.requireNonNull(ingredientB, "ingredientB");
    }
}

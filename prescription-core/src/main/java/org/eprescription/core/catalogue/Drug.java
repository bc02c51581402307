package org.eprescription.core.catalogue;

import org.eprescription.core.ids.DrugCode;

import java.util.Objects;
import java.util.Set;

/** One drug product of the catalogue. */
public record Drug(DrugCode code, String name, Set<String> ingredients, Route route, String classCode,
                   String className, String unit) {

    public Drug {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(route, "route");
        ingredients = Set.copyOf(ingredients);
        if (ingredients.isEmpty()) {
            throw new IllegalArgumentException("drug " + code + " has no ingredient");
        }
    }

    /** A generic substitute has exactly the same active ingredients and is given by the same route. */
    public boolean isSubstitutableBy(Drug other) {
        return route == other.route && ingredients.equals(other.ingredients);
    }
}

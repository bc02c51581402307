package org.eprescription.core.catalogue;

import org.eprescription.core.ids.DrugCode;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A drug as the catalogue described it when an event was recorded: what a view, the medication list and a record's
 * read show for it from then on, whatever a later catalogue says (docs/architecture.md, "Reference data").
 *
 * @param ingredients the active ingredients, sorted
 * @param strengths   the amount of each ingredient per unit; empty when the catalogue did not say
 * @param dosageForm  such as "tablet"; null when the catalogue did not say
 * @param nameJa      the Japanese name; null when the catalogue gave none
 */
public record DrugDescription(DrugCode code, String name, String nameJa, List<String> ingredients, Route route,
                              Map<String, Strength> strengths, String dosageForm) {

    public DrugDescription {
        Objects.requireNonNull(code, "code");
        ingredients = ingredients == null ? List.of() : List.copyOf(new TreeSet<>(ingredients));
        strengths = strengths == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(strengths));
    }

    /** What {@code drug} says of itself. */
    public static DrugDescription of(Drug drug) {
        return new DrugDescription(drug.code(), drug.name(), drug.nameJa(), List.copyOf(drug.ingredients()),
                drug.route(), drug.strengths(), drug.dosageForm());
    }
}

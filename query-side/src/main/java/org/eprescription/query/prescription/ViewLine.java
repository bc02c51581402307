package org.eprescription.query.prescription;

import org.eprescription.core.catalogue.Drug;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.ids.DrugCode;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One prescribed line as the view shows it. The drug's names come from the catalogue the exchange runs with when the
 * view is read; a row stores none, so that a replay under another catalogue writes the same rows
 * (docs/architecture.md, "Reference data").
 *
 * @param drugName          the catalogue's name of the prescribed drug, null if the catalogue does not know it
 * @param drugNameJa        the catalogue's Japanese name of it, null if the catalogue gives none
 * @param dispensedQuantity what was dispensed against this line in the current use (0 when nothing yet), in units of
 *                          the prescribed drug: a substitute of another strength counts as the units giving its dose
 * @param asNeeded          taken as needed (頓用) rather than on a schedule
 */
public record ViewLine(int lineNumber, DrugCode drugCode, String drugName, String drugNameJa, BigDecimal quantity,
                       String unit, String dosage, int days, BigDecimal dispensedQuantity, boolean asNeeded) {

    /** The same line without the catalogue's names: what a row stores (names are reference data, not history). */
    ViewLine withoutNames() {
        return new ViewLine(lineNumber, drugCode, null, null, quantity, unit, dosage, days, dispensedQuantity,
                asNeeded);
    }

    /** The same line named as {@code catalogue} names its drug (null names if it does not know it). */
    ViewLine namedBy(DrugCatalogue catalogue) {
        Optional<Drug> drug = drugCode == null ? Optional.empty() : catalogue.find(drugCode);
        return new ViewLine(lineNumber, drugCode, drug.map(Drug::name).orElse(null),
                drug.map(Drug::nameJa).orElse(null), quantity, unit, dosage, days, dispensedQuantity, asNeeded);
    }

    /** The same line with {@code dispensed} dispensed against it in the current use. */
    ViewLine withDispensed(BigDecimal dispensed) {
        return new ViewLine(lineNumber, drugCode, drugName, drugNameJa, quantity, unit, dosage, days, dispensed,
                asNeeded);
    }
}

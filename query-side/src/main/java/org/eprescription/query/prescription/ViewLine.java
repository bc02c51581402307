package org.eprescription.query.prescription;

import org.eprescription.core.ids.DrugCode;

import java.math.BigDecimal;

/**
 * One prescribed line as the view shows it.
 *
 * @param drugName          the catalogue's name of the prescribed drug, null if the catalogue does not know it
 * @param drugNameJa        the catalogue's Japanese name of it, null if the catalogue gives none
 * @param dispensedQuantity what was dispensed against this line in the current use (0 when nothing yet), in units of
 *                          the prescribed drug: a substitute of another strength counts as the units giving its dose
 * @param asNeeded          taken as needed (頓用) rather than on a schedule
 */
public record ViewLine(int lineNumber, DrugCode drugCode, String drugName, String drugNameJa, BigDecimal quantity,
                       String unit, String dosage, int days, BigDecimal dispensedQuantity, boolean asNeeded) {

    /** The same line with {@code dispensed} dispensed against it in the current use. */
    ViewLine withDispensed(BigDecimal dispensed) {
        return new ViewLine(lineNumber, drugCode, drugName, drugNameJa, quantity, unit, dosage, days, dispensed,
                asNeeded);
    }
}

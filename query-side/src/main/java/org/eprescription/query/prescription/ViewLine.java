package org.eprescription.query.prescription;

import org.eprescription.core.ids.DrugCode;

import java.math.BigDecimal;

/**
 * One prescribed line as the view shows it.
 *
 * @param drugName          the catalogue's name of the prescribed drug, null if the catalogue does not know it
 * @param dispensedQuantity what was dispensed against this line in the current use (0 when nothing yet), in units of
 *                          the prescribed drug: a substitute of another strength counts as the units giving its dose
 * @param asNeeded          taken as needed (頓用) rather than on a schedule
 */
public record ViewLine(int lineNumber, DrugCode drugCode, String drugName, BigDecimal quantity, String unit,
                       String dosage, int days, BigDecimal dispensedQuantity, boolean asNeeded) {
}

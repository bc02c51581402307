package org.eprescription.core.prescription;

import org.eprescription.core.ids.DrugCode;

import java.math.BigDecimal;

/**
 * What one dispensing handed out of a substitute on one line, with the substitute's own limits as the catalogue gave
 * them when it went out (docs/domain.md, "Dose-true substitution"): how many units of the line's prescribed drug it
 * counts as, whether the product may be dispensed on a prescription with refills, and its longest supply (null: none
 * of its own). The dispensing was decided under these limits; a later portion of the same use counts this one as it
 * was recorded, never by a later catalogue.
 */
public record SubstituteSupply(int lineNumber, DrugCode drugCode, BigDecimal countedAsPrescribed,
                               boolean refillAllowed, Integer maxDays) {
}

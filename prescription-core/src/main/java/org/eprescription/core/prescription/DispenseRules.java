package org.eprescription.core.prescription;

import org.eprescription.core.catalogue.Drug;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.prescription.command.DispensePrescription;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import static org.eprescription.core.prescription.Prescription.refused;

/**
 * What a dispensing must satisfy: known lines, positive quantities, never more than prescribed within one use,
 * never more days than the line's days of supply, and a substitute only of the same ingredients by the same route.
 */
final class DispenseRules {

    private DispenseRules() {
    }

    /** Checks the command and answers the quantity per line dispensed in this use once it is applied. */
    static Map<Integer, BigDecimal> check(DispensePrescription command, Map<Integer, PrescribedLine> lines,
                                          Map<Integer, BigDecimal> dispensedInUse, DrugCatalogue catalogue) {
        if (command.items().isEmpty()) {
            throw refused(Refusal.INVALID_DISPENSE, "a dispensing names at least one item");
        }
        Map<Integer, BigDecimal> after = new HashMap<>(dispensedInUse);
        for (DispensedItem item : command.items()) {
            PrescribedLine line = lines.get(item.lineNumber());
            if (line == null) {
                throw refused(Refusal.UNKNOWN_LINE, "the prescription has no line " + item.lineNumber());
            }
            if (item.quantity() == null || item.quantity().compareTo(BigDecimal.ZERO) <= 0) {
                throw refused(Refusal.INVALID_DISPENSE, "line " + item.lineNumber() + ": quantity must be positive");
            }
            if (item.days() < 1 || item.days() > Prescription.MAX_DAYS) {
                throw refused(Refusal.INVALID_DISPENSE, "line " + item.lineNumber() + ": days must be 1 to "
                        + Prescription.MAX_DAYS);
            }
            if (item.days() > line.days()) {
                throw refused(Refusal.SUPPLY_LONGER_THAN_PRESCRIBED, "line " + item.lineNumber() + ": " + item.days()
                        + " days would exceed the prescribed " + line.days());
            }
            checkSubstitution(line, item, catalogue);
            BigDecimal total = after.merge(item.lineNumber(), item.quantity(), BigDecimal::add);
            if (total.compareTo(line.quantity()) > 0) {
                throw refused(Refusal.QUANTITY_EXCEEDS_REMAINING, "line " + item.lineNumber() + ": "
                        + total.stripTrailingZeros().toPlainString() + " would exceed the prescribed "
                        + line.quantity().stripTrailingZeros().toPlainString());
            }
        }
        return after;
    }

    private static void checkSubstitution(PrescribedLine line, DispensedItem item, DrugCatalogue catalogue) {
        if (item.drugCode() == null || item.drugCode().equals(line.drugCode())) {
            return;
        }
        Drug prescribed = Prescription.requireDrug(catalogue, line.drugCode());
        Drug substitute = Prescription.requireDrug(catalogue, item.drugCode());
        if (!prescribed.isSubstitutableBy(substitute)) {
            throw refused(Refusal.SUBSTITUTE_NOT_EQUIVALENT, "line " + item.lineNumber() + ": " + item.drugCode()
                    + " does not have the same ingredients and route as " + line.drugCode());
        }
    }
}

package org.eprescription.core.prescription;

import org.eprescription.core.catalogue.Drug;
import org.eprescription.core.refusal.PrescriptionRefusedException;
import org.eprescription.core.refusal.Refusal;

/**
 * A line's quantity is counted in the unit the catalogue gives its drug: the dispense rules count it as that many
 * units of the drug (docs/domain.md, "A prescription"). A line in another unit (140 "mg" of a 5 mg tablet) would let
 * out 140 tablets, so an issue, an amendment and a draft's duplicate check refuse it alike.
 */
public final class LineUnits {

    private LineUnits() {
    }

    /**
     * @throws PrescriptionRefusedException INVALID_LINES when the catalogue gives {@code drug} a unit and
     *                                      {@code unit} is not it (compared trimmed, ignoring case)
     */
    public static void requireDrugsUnit(int lineNumber, String unit, Drug drug) {
        if (!matches(unit, drug)) {
            String expected = drug.unit().strip();
            throw Prescription.refused(Refusal.INVALID_LINES, "line " + lineNumber + ": " + drug.code()
                    + " is counted in " + expected + ", not " + (unit == null || unit.isBlank() ? "without a unit"
                    : "in " + unit.strip()) + "; give the quantity in " + expected);
        }
    }

    /** Whether {@code unit} is the catalogue's unit of {@code drug}; true when the catalogue gives none. */
    public static boolean matches(String unit, Drug drug) {
        if (drug.unit() == null || drug.unit().isBlank()) {
            return true;
        }
        return unit != null && unit.strip().equalsIgnoreCase(drug.unit().strip());
    }
}

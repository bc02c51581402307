package org.eprescription.core.prescription;

import org.eprescription.core.refusal.PrescriptionRefusedException;
import org.eprescription.core.refusal.Refusal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Line numbers name a prescription's lines, and the alerts and courses of each (docs/domain.md, "A prescription"): a
 * number used twice would make one line stand for two. An issue, an amendment and a draft's duplicate check refuse it
 * alike.
 */
public final class LineNumbers {

    private LineNumbers() {
    }

    /** @throws PrescriptionRefusedException INVALID_LINES for a number below 1, or naming the first used twice */
    public static void requireValid(List<Integer> lineNumbers) {
        for (int lineNumber : lineNumbers) {
            if (lineNumber < 1) {
                throw Prescription.refused(Refusal.INVALID_LINES, "line numbers start at 1, not " + lineNumber);
            }
        }
        requireUnique(lineNumbers);
    }

    /** @throws PrescriptionRefusedException INVALID_LINES naming the first number used twice */
    public static void requireUnique(List<Integer> lineNumbers) {
        Set<Integer> seen = new HashSet<>();
        for (int lineNumber : lineNumbers) {
            if (!seen.add(lineNumber)) {
                throw Prescription.refused(Refusal.INVALID_LINES, "line number " + lineNumber + " is used twice");
            }
        }
    }
}

package org.eprescription.core.prescription;

import org.eprescription.core.refusal.Refusal;

import org.eprescription.core.catalogue.DrugCatalogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntPredicate;

import static org.eprescription.core.prescription.Prescription.refused;

/**
 * What lines a pharmacist may propose and a prescriber may accept (docs/domain.md, "A query to the prescriber"): the
 * proposed lines replace the lines of the same numbers, or are added under new numbers; the result must pass the
 * issue rules ({@link IssueRules#checkLines}), the lines that change judged by the catalogue of the day and those left
 * as they were keeping what was decided for them, and no line may change that something was already dispensed against
 * in the current use (the medicine handed out would no longer match its line).
 */
final class AmendmentRules {

    private AmendmentRules() {
    }

    /** The prescription's lines with the proposed ones in place, in line-number order of the originals, then new. */
    static List<PrescribedLine> amended(Map<Integer, PrescribedLine> lines, List<PrescribedLine> proposed) {
        Map<Integer, PrescribedLine> result = new LinkedHashMap<>(lines);
        proposed.forEach(line -> result.put(line.lineNumber(), line));
        return List.copyOf(result.values());
    }

    /** The numbers of the proposed lines that differ from (or are not among) the prescription's lines. */
    static List<Integer> changedLineNumbers(Map<Integer, PrescribedLine> lines, List<PrescribedLine> proposed) {
        List<Integer> changed = new ArrayList<>();
        for (PrescribedLine line : proposed) {
            if (!Objects.equals(lines.get(line.lineNumber()), line) && !changed.contains(line.lineNumber())) {
                changed.add(line.lineNumber());
            }
        }
        return changed;
    }

    /**
     * Checks the proposal against the prescription as it stands: a valid set of lines after it, refills still
     * allowed, nothing changed that {@code dispensedInUse} says was dispensed in the current use, and some change.
     */
    static void check(Map<Integer, PrescribedLine> lines, List<PrescribedLine> proposed, int refills,
                      IntPredicate dispensedInUse, DrugCatalogue catalogue) {
        if (proposed.size() > Prescription.MAX_LINES) {
            throw refused(Refusal.INVALID_LINES, "at most " + Prescription.MAX_LINES + " lines can be proposed");
        }
        if (proposed.stream().map(PrescribedLine::lineNumber).distinct().count() != proposed.size()) {
            throw refused(Refusal.INVALID_LINES, "a line number is proposed twice");
        }
        List<Integer> changed = changedLineNumbers(lines, proposed);
        IssueRules.checkLines(amended(lines, proposed), refills, catalogue, changed::contains);
        if (changed.isEmpty()) {
            throw refused(Refusal.NO_CHANGE_PROPOSED, "the proposed lines are the prescription's lines as they are");
        }
        for (int number : changed) {
            if (dispensedInUse.test(number)) {
                throw refused(Refusal.LINE_ALREADY_DISPENSED, "line " + number
                        + " was already dispensed in this use; it cannot change now");
            }
        }
    }
}

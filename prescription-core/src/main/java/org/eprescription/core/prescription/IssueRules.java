package org.eprescription.core.prescription;

import org.eprescription.core.refusal.Refusal;

import org.eprescription.core.catalogue.Drug;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.prescription.command.IssuePrescription;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.IntPredicate;

import static org.eprescription.core.prescription.Prescription.refused;

/**
 * What a prescription must satisfy to be issued (docs/domain.md: "A prescription"), including the catalogue's supply
 * limits: no line longer than its drug's longest supply, no refills for a drug that may not be refilled, no line in
 * another unit than its drug's ({@link LineUnits}).
 */
final class IssueRules {

    private IssueRules() {
    }

    static void check(IssuePrescription command, DrugCatalogue catalogue, ValidUntilHorizon horizon, LocalDate today) {
        checkLines(command.lines(), command.refills(), catalogue);
        if (command.validUntil() != null && command.validUntil().isBefore(today)) {
            throw refused(Refusal.VALID_UNTIL_BEFORE_ISSUE,
                    "validUntil " + command.validUntil() + " is before the issue date " + today);
        }
        if (command.validUntil() != null && command.validUntil().isAfter(horizon.latestFor(today))) {
            throw refused(Refusal.VALID_UNTIL_BEYOND_HORIZON, "validUntil " + command.validUntil()
                    + " is after " + horizon.latestFor(today) + ", " + horizon.period() + " after the issue date");
        }
    }

    /**
     * The lines and refills of a prescription, at issue and when a query amends its lines: 1 to 10 lines with unique
     * numbers, each valid on its own, 0 to 2 refills, and refills only when every line's drug may be refilled.
     */
    static void checkLines(List<PrescribedLine> lines, int refills, DrugCatalogue catalogue) {
        checkLines(lines, refills, catalogue, number -> true);
    }

    /**
     * As {@link #checkLines(List, int, DrugCatalogue)}, judging by the catalogue (a known drug, its unit, its longest
     * supply, its refill permission) only the lines {@code judged} names: an amendment judges the lines it changes by
     * the catalogue of its day; a line it leaves as it was keeps what its issue (or an earlier amendment) decided for
     * it, though a later catalogue delisted its drug or tightened its limits (docs/domain.md, "A query to the
     * prescriber"). Every line is still checked for what it says itself (number, days, quantity).
     */
    static void checkLines(List<PrescribedLine> lines, int refills, DrugCatalogue catalogue, IntPredicate judged) {
        if (lines.isEmpty() || lines.size() > Prescription.MAX_LINES) {
            throw refused(Refusal.INVALID_LINES,
                    "a prescription has 1 to " + Prescription.MAX_LINES + " lines, not " + lines.size());
        }
        for (PrescribedLine line : lines) {
            checkLine(line, catalogue, judged.test(line.lineNumber()));
        }
        LineNumbers.requireUnique(lines.stream().map(PrescribedLine::lineNumber).toList());
        if (refills < 0 || refills > Prescription.MAX_REFILLS) {
            throw refused(Refusal.TOO_MANY_REFILLS,
                    "refills must be 0 to " + Prescription.MAX_REFILLS + ", not " + refills);
        }
        if (refills > 0) {
            for (PrescribedLine line : lines) {
                if (!judged.test(line.lineNumber())) {
                    continue;
                }
                Drug drug = Prescription.requireDrug(catalogue, line.drugCode());
                if (!drug.refillAllowed()) {
                    throw refused(Refusal.REFILL_NOT_ALLOWED, "line " + line.lineNumber() + ": " + line.drugCode()
                            + " may not be prescribed with refills");
                }
            }
        }
    }

    private static void checkLine(PrescribedLine line, DrugCatalogue catalogue, boolean judged) {
        if (line.lineNumber() < 1) {
            throw refused(Refusal.INVALID_LINES, "line numbers start at 1, not " + line.lineNumber());
        }
        if (line.days() < 1 || line.days() > Prescription.MAX_DAYS) {
            throw refused(Refusal.INVALID_LINES, "line " + line.lineNumber() + ": days of supply must be 1 to "
                    + Prescription.MAX_DAYS + ", not " + line.days());
        }
        if (line.quantity() == null || line.quantity().compareTo(BigDecimal.ZERO) <= 0) {
            throw refused(Refusal.INVALID_LINES, "line " + line.lineNumber() + ": quantity must be positive");
        }
        if (!judged) {
            return;
        }
        Drug drug = Prescription.requireDrug(catalogue, line.drugCode());
        LineUnits.requireDrugsUnit(line.lineNumber(), line.unit(), drug);
        if (drug.maxDays() != null && line.days() > drug.maxDays()) {
            throw refused(Refusal.DAYS_ABOVE_LONGEST_SUPPLY, "line " + line.lineNumber() + ": " + line.drugCode()
                    + " may be prescribed for at most " + drug.maxDays() + " days, not " + line.days());
        }
    }
}

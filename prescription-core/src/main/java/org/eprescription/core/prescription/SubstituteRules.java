package org.eprescription.core.prescription;

import org.eprescription.core.catalogue.Drug;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.refusal.Refusal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.eprescription.core.prescription.Prescription.refused;

/**
 * A substitute's own limits (docs/domain.md, "Dose-true substitution"). The prescribed drug's refill permission and
 * longest supply were judged at issue, on the lines; a product the pharmacy hands out in its place is judged when it
 * goes out, by the catalogue of that day, in every use and in a correction: not on a prescription with refills when
 * the catalogue says it may not be refilled, and never for more days in one use than its own longest supply, counting
 * the days the use already handed out of it and the days its quantity lasts at the line's rate.
 */
final class SubstituteRules {

    private SubstituteRules() {
    }

    /**
     * Checks the substitutes among {@code items}, which passed {@link DispenseRules}, and answers what the dispensing
     * records of each (per line and product, in the order they first appear).
     *
     * @param earlier the use's other dispensings that count (for a correction, without the one it corrects)
     */
    static List<SubstituteSupply> check(List<DispensedItem> items, Map<Integer, PrescribedLine> lines, int refills,
                                        List<DispensingRecords.Entry> earlier, DrugCatalogue catalogue) {
        Map<List<Object>, List<DispensedItem>> bySubstitute = new LinkedHashMap<>();
        for (DispensedItem item : items) {
            PrescribedLine line = lines.get(item.lineNumber());
            if (isSubstitute(line, item)) {
                bySubstitute.computeIfAbsent(List.of(line.lineNumber(), item.drugCode()), key -> new ArrayList<>())
                        .add(item);
            }
        }
        List<SubstituteSupply> supplied = new ArrayList<>();
        bySubstitute.forEach((key, ofSubstitute) -> {
            PrescribedLine line = lines.get((Integer) key.get(0));
            Drug substitute = Prescription.requireDrug(catalogue, (DrugCode) key.get(1));
            String which = "line " + line.lineNumber() + ": " + substitute.code();
            if (refills > 0 && !substitute.refillAllowed()) {
                throw refused(Refusal.REFILL_NOT_ALLOWED, which + " may not be dispensed on a prescription with "
                        + "refills; dispense " + line.drugCode() + " or a substitute that may be refilled");
            }
            BigDecimal units = ofSubstitute.stream().map(item -> DispenseRules.unitsOf(line, item, catalogue))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (substitute.maxDays() != null) {
                int days = daysOfUse(line, substitute.code(), ofSubstitute, units, earlier, catalogue);
                if (days > substitute.maxDays()) {
                    throw refused(Refusal.DAYS_ABOVE_LONGEST_SUPPLY, which + " may be supplied for at most "
                            + substitute.maxDays() + " days in one use; with what this use handed out of it, this "
                            + "would be " + days);
                }
            }
            supplied.add(new SubstituteSupply(line.lineNumber(), substitute.code(), units, substitute.refillAllowed(),
                    substitute.maxDays()));
        });
        return supplied;
    }

    /**
     * The days the use supplies of {@code substitute} on the line with these items: the days its items give together
     * (at most the line's, as "Refills" adds portions), and never fewer than its quantity lasts at the line's rate.
     * What earlier dispensings handed out of it counts as they recorded it; one recorded before dispensings recorded
     * their substitutes is counted by {@code catalogue}.
     */
    private static int daysOfUse(PrescribedLine line, DrugCode substitute, List<DispensedItem> now, BigDecimal unitsNow,
                                 List<DispensingRecords.Entry> earlier, DrugCatalogue catalogue) {
        List<DispensedItem> ofSubstitute = new ArrayList<>(now);
        BigDecimal units = unitsNow;
        for (DispensingRecords.Entry entry : earlier) {
            List<DispensedItem> handedOut = entry.items().stream()
                    .filter(item -> item.lineNumber() == line.lineNumber() && substitute.equals(item.drugCode()))
                    .toList();
            ofSubstitute.addAll(handedOut);
            if (entry.substitutes() != null) {
                units = units.add(entry.substitutes().stream()
                        .filter(recorded -> recorded.lineNumber() == line.lineNumber()
                                && recorded.drugCode().equals(substitute))
                        .map(SubstituteSupply::countedAsPrescribed)
                        .reduce(BigDecimal.ZERO, BigDecimal::add));
            } else {
                for (DispensedItem item : handedOut) {
                    units = units.add(DispenseRules.unitsOf(line, item, catalogue));
                }
            }
        }
        return Math.max(DispensingRecords.daysSupplied(ofSubstitute, line), DispensingRecords.daysCovered(line, units));
    }

    private static boolean isSubstitute(PrescribedLine line, DispensedItem item) {
        return item.drugCode() != null && !item.drugCode().equals(line.drugCode());
    }
}

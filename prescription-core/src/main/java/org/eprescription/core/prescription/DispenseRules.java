package org.eprescription.core.prescription;

import org.eprescription.core.refusal.Refusal;

import org.eprescription.core.catalogue.Drug;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.catalogue.Strength;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.prescription.command.DispensePrescription;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.eprescription.core.prescription.Prescription.refused;

/**
 * What a dispensing must satisfy (docs/domain.md, "Commands, events and refusals"): known lines, positive
 * quantities, never more days than the line's days of supply, a substitute only when it is dose-true, and never more
 * than prescribed within one use, counted in the amount of each ingredient.
 */
final class DispenseRules {

    /** The measure of a line whose prescribed drug has no known strength: its units. */
    private static final String UNITS = "";

    private DispenseRules() {
    }

    /**
     * Checks {@code items} as one dispensing after what the use already dispensed ({@code countedBefore}: per line,
     * units of its prescribed drug, as the earlier dispensings recorded them; for a correction, everything else the
     * use dispensed) and answers whether every line has then been dispensed in full.
     */
    static boolean check(List<DispensedItem> items, Map<Integer, PrescribedLine> lines,
                         Map<Integer, BigDecimal> countedBefore, DrugCatalogue catalogue) {
        if (items.isEmpty()) {
            throw refused(Refusal.INVALID_DISPENSE, "a dispensing names at least one item");
        }
        Map<Integer, Map<String, BigDecimal>> supplied = new HashMap<>();
        countedBefore.forEach((lineNumber, units) -> {
            PrescribedLine line = lines.get(lineNumber);
            if (line != null) {
                add(supplied, line, ofPrescribedUnits(line, units, catalogue));
            }
        });
        for (DispensedItem item : items) {
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
            Map<String, BigDecimal> total = add(supplied, line, suppliedBy(line, item, catalogue));
            Map<String, BigDecimal> prescribed = prescribed(line, catalogue);
            prescribed.forEach((measure, amount) -> {
                BigDecimal given = total.getOrDefault(measure, BigDecimal.ZERO);
                if (exceeds(given, amount)) {
                    throw refused(Refusal.QUANTITY_EXCEEDS_REMAINING, "line " + item.lineNumber() + ": "
                            + describe(given, measure, line, catalogue) + " would exceed the prescribed "
                            + describe(amount, measure, line, catalogue));
                }
            });
        }
        return lines.values().stream().allMatch(line -> {
            Map<String, BigDecimal> given = supplied.getOrDefault(line.lineNumber(), Map.of());
            return prescribed(line, catalogue).entrySet().stream().allMatch(entry ->
                    !exceeds(entry.getValue(), given.getOrDefault(entry.getKey(), BigDecimal.ZERO)));
        });
    }

    /**
     * A substitute must have the same ingredients by the same route, belong to the same form group, and deliver each
     * ingredient in the prescribed proportions from units no stronger than the prescribed ones: the dosage counts
     * units, so 28 x 5 mg may go out as 56 x 2.5 mg but never as 14 x 10 mg. What the catalogue does not say
     * (strength, form group) is never taken to be equal.
     */
    private static void checkSubstitution(PrescribedLine line, DispensedItem item, DrugCatalogue catalogue) {
        if (sameProduct(line, item)) {
            return;
        }
        Drug substitute = Prescription.requireDrug(catalogue, item.drugCode());
        String which = "line " + item.lineNumber() + ": " + item.drugCode();
        // a prescribed drug delisted since the issue is still dispensed itself; nothing can be compared with it
        Drug prescribed = catalogue.find(line.drugCode()).orElseThrow(() -> refused(Refusal.SUBSTITUTE_NOT_VERIFIABLE,
                which + ": the catalogue no longer lists the prescribed " + line.drugCode()
                        + ", so nothing can be verified as dose-true for it; dispense " + line.drugCode()));
        if (!prescribed.isSubstitutableBy(substitute)) {
            throw refused(Refusal.SUBSTITUTE_NOT_EQUIVALENT, which + " does not have the same ingredients and route as "
                    + line.drugCode());
        }
        if (prescribed.formGroup() == null || substitute.formGroup() == null) {
            throw refused(Refusal.SUBSTITUTE_NOT_VERIFIABLE, which + ": the catalogue gives no form group for "
                    + (prescribed.formGroup() == null ? line.drugCode() : item.drugCode()));
        }
        if (!prescribed.formGroup().equals(substitute.formGroup())) {
            throw refused(Refusal.SUBSTITUTE_OTHER_FORM, which + " is " + substitute.formGroup() + ", not "
                    + prescribed.formGroup() + " like " + line.drugCode());
        }
        Map<String, BigDecimal> perUnit = substitutePerUnit(prescribed, substitute)
                .orElseThrow(() -> refused(Refusal.SUBSTITUTE_NOT_VERIFIABLE, which
                        + ": the catalogue gives no comparable strength of every ingredient for it and "
                        + line.drugCode()));
        String reference = perUnit.keySet().iterator().next();
        BigDecimal referenceGiven = perUnit.get(reference);
        BigDecimal referencePrescribed = prescribed.strengths().get(reference).amount();
        for (Map.Entry<String, BigDecimal> ingredient : perUnit.entrySet()) {
            BigDecimal prescribedAmount = prescribed.strengths().get(ingredient.getKey()).amount();
            if (ingredient.getValue().multiply(referencePrescribed)
                    .compareTo(referenceGiven.multiply(prescribedAmount)) != 0) {
                throw refused(Refusal.SUBSTITUTE_NOT_DOSE_EQUIVALENT, which + " (" + strengths(substitute)
                        + ") holds its ingredients in other proportions than " + line.drugCode() + " ("
                        + strengths(prescribed) + "): no quantity of it gives the prescribed amount of each");
            }
        }
        if (referenceGiven.compareTo(referencePrescribed) > 0) {
            throw refused(Refusal.SUBSTITUTE_NOT_DOSE_EQUIVALENT, which + " (" + strengths(substitute)
                    + ") is stronger per unit than " + line.drugCode() + " (" + strengths(prescribed)
                    + "); a lower strength in a larger quantity may replace it, a higher one may not");
        }
    }

    /** The substitute's amount of each ingredient per unit in the prescribed drug's units; empty if not comparable. */
    private static Optional<Map<String, BigDecimal>> substitutePerUnit(Drug prescribed, Drug substitute) {
        if (!prescribed.strengthKnown() || !substitute.strengthKnown()) {
            return Optional.empty();
        }
        Map<String, BigDecimal> perUnit = new TreeMap<>();
        for (Map.Entry<String, Strength> ingredient : prescribed.strengths().entrySet()) {
            Optional<BigDecimal> amount = substitute.strengthOf(ingredient.getKey())
                    .flatMap(strength -> strength.amountIn(ingredient.getValue()));
            if (amount.isEmpty()) {
                return Optional.empty();
            }
            perUnit.put(ingredient.getKey(), amount.get());
        }
        return Optional.of(perUnit);
    }

    /** What the line prescribes: the amount of each ingredient, or its units when the drug's strength is unknown. */
    private static Map<String, BigDecimal> prescribed(PrescribedLine line, DrugCatalogue catalogue) {
        return ofPrescribedUnits(line, line.quantity(), catalogue);
    }

    /**
     * Whether {@code given} is more than {@code amount}, by more than the rounding of a recorded count: what earlier
     * dispensings counted as is recorded in units of the prescribed drug, to 16 significant digits (7 x 2 mg count as
     * 4.666666666666667 x 3 mg), and converted back it may miss the exact amount in the last digit.
     */
    static boolean exceeds(BigDecimal given, BigDecimal amount) {
        return given.subtract(amount).compareTo(amount.abs().multiply(ROUNDING)) > 0;
    }

    /** The relative difference below which two amounts are the same: far below any dose. */
    private static final BigDecimal ROUNDING = new BigDecimal("1E-12");

    /** {@code units} of the line's prescribed drug in the line's measure: each ingredient's amount, or units. */
    private static Map<String, BigDecimal> ofPrescribedUnits(PrescribedLine line, BigDecimal units,
                                                             DrugCatalogue catalogue) {
        Drug drug = catalogue.find(line.drugCode()).orElse(null);
        if (drug == null || !drug.strengthKnown()) {
            return Map.of(UNITS, units);
        }
        Map<String, BigDecimal> amounts = new TreeMap<>();
        drug.strengths().forEach((ingredient, strength) -> amounts.put(ingredient, units.multiply(strength.amount())));
        return amounts;
    }

    /**
     * How many units of the line's prescribed drug an item hands out: its quantity, or for a dose-true substitute the
     * prescribed units delivering as much of each ingredient (56 x 2.5 mg count as 28 x 5 mg). A substitute the
     * catalogue cannot compare counts as that many units. This is what a dispensing records ({@code countedAsPrescribed}).
     */
    static BigDecimal unitsOf(PrescribedLine line, DispensedItem item, DrugCatalogue catalogue) {
        if (sameProduct(line, item)) {
            return item.quantity();
        }
        return catalogue.find(line.drugCode())
                .flatMap(drug -> catalogue.find(item.drugCode())
                        .flatMap(substitute -> drug.unitsDelivering(item.quantity(), substitute)))
                .orElse(item.quantity());
    }

    /** What an item of this dispensing supplies of its line, in the line's measure (it passed the substitution rules). */
    private static Map<String, BigDecimal> suppliedBy(PrescribedLine line, DispensedItem item,
                                                      DrugCatalogue catalogue) {
        Drug prescribed = catalogue.find(line.drugCode()).orElse(null);
        if (prescribed == null || !prescribed.strengthKnown()) {
            return Map.of(UNITS, item.quantity());
        }
        Optional<Map<String, BigDecimal>> perUnit = sameProduct(line, item)
                ? Optional.empty()
                : catalogue.find(item.drugCode()).flatMap(substitute -> substitutePerUnit(prescribed, substitute));
        Map<String, BigDecimal> amounts = new TreeMap<>();
        prescribed.strengths().forEach((ingredient, strength) -> amounts.put(ingredient, item.quantity()
                .multiply(perUnit.map(given -> given.get(ingredient)).orElse(strength.amount()))));
        return amounts;
    }

    private static Map<String, BigDecimal> add(Map<Integer, Map<String, BigDecimal>> supplied, PrescribedLine line,
                                               Map<String, BigDecimal> amounts) {
        Map<String, BigDecimal> total = supplied.computeIfAbsent(line.lineNumber(), number -> new HashMap<>());
        amounts.forEach((measure, amount) -> total.merge(measure, amount, BigDecimal::add));
        return total;
    }

    private static boolean sameProduct(PrescribedLine line, DispensedItem item) {
        DrugCode given = item.drugCode();
        return given == null || given.equals(line.drugCode());
    }

    private static String describe(BigDecimal amount, String measure, PrescribedLine line, DrugCatalogue catalogue) {
        String number = amount.stripTrailingZeros().toPlainString();
        if (UNITS.equals(measure)) {
            return number;
        }
        // an amount per unit (20 mg/g) times a quantity in that unit is an amount (mg)
        String unit = catalogue.find(line.drugCode()).orElseThrow().strengths().get(measure).unit().split("/")[0];
        return number + " " + unit + " of " + measure;
    }

    private static String strengths(Drug drug) {
        return String.join(" + ", new TreeMap<>(drug.strengths()).values().stream().map(Strength::toString).toList());
    }
}

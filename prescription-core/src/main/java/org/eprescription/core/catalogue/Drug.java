package org.eprescription.core.catalogue;

import org.eprescription.core.ids.DrugCode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One drug product of the catalogue. What an older catalogue file does not say is unknown: no strengths (an empty
 * map), no dosage form or form group (null), refills allowed, no longest supply (null), no Japanese name (null).
 *
 * @param strengths     the amount of each ingredient per unit, by ingredient; empty when the catalogue does not say
 * @param dosageForm    such as "tablet" or "extended-release tablet"
 * @param formGroup     products of one group are interchangeable forms ("oral-solid"); extended-release and
 *                      enteric-coated forms have groups of their own
 * @param refillAllowed false for products Japan excludes from refill prescriptions (hypnotics, patches)
 * @param maxDays       the longest supply one prescription may give (投与期間制限), null for no limit of its own
 * @param nameJa        the product's name in Japanese
 */
public record Drug(DrugCode code, String name, Set<String> ingredients, Route route, String classCode,
                   String className, String unit, Map<String, Strength> strengths, String dosageForm,
                   String formGroup, boolean refillAllowed, Integer maxDays, String nameJa) {

    public Drug {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(route, "route");
        ingredients = Set.copyOf(ingredients);
        if (ingredients.isEmpty()) {
            throw new IllegalArgumentException("drug " + code + " has no ingredient");
        }
        strengths = strengths == null ? Map.of() : Map.copyOf(strengths);
        if (!strengths.isEmpty() && !strengths.keySet().equals(ingredients)) {
            throw new IllegalArgumentException("drug " + code + ": strengths " + strengths.keySet()
                    + " do not name its ingredients " + ingredients);
        }
        if (maxDays != null && maxDays < 1) {
            throw new IllegalArgumentException("drug " + code + ": max days must be at least 1, not " + maxDays);
        }
    }

    /** A drug as an older catalogue describes it: strength, form, refill permission and longest supply unknown. */
    public Drug(DrugCode code, String name, Set<String> ingredients, Route route, String classCode, String className,
                String unit) {
        this(code, name, ingredients, route, classCode, className, unit, Map.of(), null, null, true, null, null);
    }

    /**
     * The same active ingredients, given by the same route. That is necessary for a generic substitute, not enough:
     * the dispense rules also want the same form group and the same amount of each ingredient.
     */
    public boolean isSubstitutableBy(Drug other) {
        return route == other.route && ingredients.equals(other.ingredients);
    }

    /** Whether the catalogue gives the amount of every ingredient per unit. */
    public boolean strengthKnown() {
        return !strengths.isEmpty();
    }

    public Optional<Strength> strengthOf(String ingredient) {
        return Optional.ofNullable(strengths.get(ingredient));
    }

    /**
     * How many units of this drug deliver what {@code quantity} units of {@code other} deliver: 56 of amlodipine
     * 2.5 mg are 28 of amlodipine 5 mg. Empty unless both give comparable strengths of the same ingredients in the
     * same proportions.
     */
    public Optional<BigDecimal> unitsDelivering(BigDecimal quantity, Drug other) {
        if (!strengthKnown() || !other.strengthKnown() || !ingredients.equals(other.ingredients)) {
            return Optional.empty();
        }
        BigDecimal ratio = null;
        for (Map.Entry<String, Strength> ingredient : strengths.entrySet()) {
            Optional<BigDecimal> theirs = other.strengthOf(ingredient.getKey())
                    .flatMap(strength -> strength.amountIn(ingredient.getValue()));
            if (theirs.isEmpty()) {
                return Optional.empty();
            }
            BigDecimal each = theirs.get().divide(ingredient.getValue().amount(), MathContext.DECIMAL64);
            if (ratio != null && ratio.compareTo(each) != 0) {
                return Optional.empty();
            }
            ratio = each;
        }
        BigDecimal units = quantity.multiply(ratio).round(MathContext.DECIMAL64).stripTrailingZeros();
        return Optional.of(units.scale() < 0 ? units.setScale(0) : units);
    }

    public Optional<Integer> longestSupply() {
        return Optional.ofNullable(maxDays);
    }
}

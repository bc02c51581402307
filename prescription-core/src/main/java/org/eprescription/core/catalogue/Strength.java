package org.eprescription.core.catalogue;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How much of one ingredient a unit of a product holds: an amount and its unit, such as {@code 5 mg} per tablet or
 * {@code 20 mg/g} of a gel.
 */
public record Strength(BigDecimal amount, String unit) {

    /** Mass units a strength may be converted between, in milligrams. */
    private static final Map<String, BigDecimal> MILLIGRAMS = Map.of(
            "g", new BigDecimal("1000"),
            "mg", BigDecimal.ONE,
            "µg", new BigDecimal("0.001"),
            "μg", new BigDecimal("0.001"),
            "mcg", new BigDecimal("0.001"),
            "ug", new BigDecimal("0.001"));

    public Strength {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(unit, "unit");
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("a strength is positive, not " + amount);
        }
        unit = unit.strip();
        if (unit.isEmpty() || unit.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a strength's unit is one word, not '" + unit + "'");
        }
        amount = amount.stripTrailingZeros();
    }

    /** Reads {@code "5 mg"}, {@code "2.5 mg"} or {@code "20 mg/g"}: a number, a space, a unit. */
    public static Strength parse(String text) {
        String[] parts = text.strip().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException(
                    "a strength is an amount and a unit, such as '5 mg', not '" + text + "'");
        }
        try {
            return new Strength(new BigDecimal(parts[0]), parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a strength's amount is a number, not '" + parts[0] + "'", e);
        }
    }

    /**
     * This strength in the unit of {@code reference}, when the two can be compared: the same unit, or mass units
     * (g, mg, µg) over the same denominator. Empty when they cannot, such as mg against mg/g.
     */
    public Optional<BigDecimal> amountIn(Strength reference) {
        if (unit.equals(reference.unit)) {
            return Optional.of(amount);
        }
        String[] mine = unit.split("/", 2);
        String[] theirs = reference.unit.split("/", 2);
        BigDecimal myFactor = MILLIGRAMS.get(mine[0].toLowerCase(Locale.ROOT));
        BigDecimal theirFactor = MILLIGRAMS.get(theirs[0].toLowerCase(Locale.ROOT));
        boolean sameDenominator = mine.length == theirs.length && (mine.length == 1 || mine[1].equals(theirs[1]));
        if (myFactor == null || theirFactor == null || !sameDenominator) {
            return Optional.empty();
        }
        // exact: every factor is a power of ten
        return Optional.of(amount.multiply(myFactor).divide(theirFactor).stripTrailingZeros());
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + unit;
    }
}

package org.eprescription.bench.common;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Options of the form {@code --name value}. A program reads the ones it knows, each with its default and its
 * bounds, then {@link #finish()} refuses any other: a misspelt option is an error, never silently ignored.
 */
public final class Args {

    private final Map<String, String> given = new LinkedHashMap<>();
    private final Set<String> read = new HashSet<>();

    private Args() {
    }

    public static Args parse(String... args) {
        Args parsed = new Args();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--")) {
                throw new UsageException("unexpected argument " + name);
            }
            if (i + 1 >= args.length) {
                throw new UsageException("missing value for " + name);
            }
            parsed.given.put(name, args[++i]);
        }
        return parsed;
    }

    public String text(String name, String fallback) {
        read.add(name);
        return given.getOrDefault(name, fallback);
    }

    /** A whole number of at least {@code min}. */
    public int whole(String name, int fallback, int min) {
        return whole(name, fallback, min, Integer.MAX_VALUE);
    }

    /** A whole number from {@code min} to {@code max}. */
    public int whole(String name, int fallback, int min, int max) {
        Integer n = parsed(name, Integer::valueOf, "a whole number");
        if (n == null) {
            return fallback;
        }
        if (max != Integer.MAX_VALUE && (n < min || n > max)) {
            throw new UsageException(name + " must be between " + min + " and " + max);
        }
        if (n < min) {
            throw new UsageException(name + (min == 1 ? " must be > 0" : " must be >= " + min));
        }
        return n;
    }

    /** A number greater than zero. */
    public double positiveNumber(String name, double fallback) {
        Double n = parsed(name, Double::valueOf, "a number");
        if (n == null) {
            return fallback;
        }
        if (!(n > 0) || Double.isInfinite(n)) {
            throw new UsageException(name + " must be > 0");
        }
        return n;
    }

    /** The option read by {@code parse}; null when it is not given. */
    private <T> T parsed(String name, Function<String, T> parse, String what) {
        String value = text(name, null);
        if (value == null) {
            return null;
        }
        try {
            return parse.apply(value);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs " + what + ", not " + value);
        }
    }

    /** One of {@code allowed}. */
    public String choice(String name, String fallback, String... allowed) {
        String value = text(name, fallback);
        for (String candidate : allowed) {
            if (candidate.equals(value)) {
                return value;
            }
        }
        throw new UsageException(name + " is " + String.join(" or ", allowed) + ", not " + value);
    }

    /** {@code yes} or {@code no}. */
    public boolean yes(String name, boolean fallback) {
        return choice(name, fallback ? "yes" : "no", "yes", "no").equals("yes");
    }

    /** Refuses every option that no one read. */
    public void finish() {
        for (String name : given.keySet()) {
            if (!read.contains(name)) {
                throw new UsageException("unknown option " + name);
            }
        }
    }

    @Override
    public String toString() {
        return given.toString();
    }
}

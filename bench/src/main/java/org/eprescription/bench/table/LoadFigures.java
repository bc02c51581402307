package org.eprescription.bench.table;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the table reads from the printed result of a lifecycle run (bench/run-lifecycle.sh) or of the raw command
 * rate (bench/run-raw-commands.sh): both print {@code clients}, {@code lifecycles/s} and {@code commands/s} lines
 * alike, and an {@code exchange  X s CPU, Y ms per lifecycle} line when the exchange's CPU was measured. Only the raw
 * rate counts the events it appended ({@code events appended}). A figure a result does not hold is NaN.
 */
public record LoadFigures(int clients, double lifecyclesPerSecond, double commandsPerSecond,
                          double eventsPerLifecycle, double cpuMsPerLifecycle) {

    private static final Pattern CLIENTS = Pattern.compile("(?m)^clients\\s+(\\d+)");
    private static final Pattern LIFECYCLES = Pattern.compile("(?m)^lifecycles/s\\s+([0-9.]+)");
    private static final Pattern COMMANDS = Pattern.compile("(?m)^commands/s\\s+([0-9.]+)");
    private static final Pattern EVENTS = Pattern.compile("(?m)^events appended\\s+\\d+\\s+\\([0-9.]+/s, ([0-9.]+) per lifecycle");
    private static final Pattern CPU = Pattern.compile("(?m)^exchange\\s+[0-9.]+ s CPU,\\s+([0-9.]+) ms per lifecycle");

    /** The figures of one printed result; fails when it holds no lifecycles/s or commands/s (a run that failed). */
    public static LoadFigures parse(String result) {
        return new LoadFigures(
                (int) number(CLIENTS, result).orElse(0),
                number(LIFECYCLES, result).orElseThrow(() -> new IllegalArgumentException("no lifecycles/s line")),
                number(COMMANDS, result).orElseThrow(() -> new IllegalArgumentException("no commands/s line")),
                number(EVENTS, result).orElse(Double.NaN),
                number(CPU, result).orElse(Double.NaN));
    }

    /** Store appends (events) per second: lifecycles/s times events per lifecycle. */
    public double eventsPerSecond(double eventsPerLifecycle) {
        return lifecyclesPerSecond * eventsPerLifecycle;
    }

    static OptionalDouble number(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? OptionalDouble.of(Double.parseDouble(matcher.group(1))) : OptionalDouble.empty();
    }
}

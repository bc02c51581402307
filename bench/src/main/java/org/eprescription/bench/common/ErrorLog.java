package org.eprescription.bench.common;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Errors by kind ("step status"), those of the measured window apart from the warmup's, and the first few answers
 * as they came. Thread-safe.
 */
public final class ErrorLog {

    private static final int SAMPLES = 10;

    private final Map<String, Long> measured = new TreeMap<>();
    private final Map<String, Long> warmup = new TreeMap<>();
    private final List<String> samples = new ArrayList<>();

    public synchronized void record(String key, String body, boolean inWindow) {
        (inWindow ? measured : warmup).merge(key, 1L, Long::sum);
        if (samples.size() < SAMPLES) {
            samples.add(key + " -> " + Format.flat(body, 400));
        }
    }

    public synchronized void addAll(ErrorLog other) {
        synchronized (other) {
            other.measured.forEach((k, v) -> measured.merge(k, v, Long::sum));
            other.warmup.forEach((k, v) -> warmup.merge(k, v, Long::sum));
            for (String sample : other.samples) {
                if (samples.size() < SAMPLES) {
                    samples.add(sample);
                }
            }
        }
    }

    public synchronized long inWindow() {
        return measured.values().stream().mapToLong(Long::longValue).sum();
    }

    public synchronized long inWarmup() {
        return warmup.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The report's lines: the counts, each kind, and the first answers. */
    public synchronized void print(PrintStream out) {
        out.printf(Locale.ROOT, "errors             %d in window, %d in warmup%n", inWindow(), inWarmup());
        measured.forEach((k, v) -> out.printf(Locale.ROOT, "    %-32s %d%n", k, v));
        warmup.forEach((k, v) -> out.printf(Locale.ROOT, "    %-32s %d (warmup)%n", k, v));
        if (!samples.isEmpty()) {
            out.println("first error answers:");
            samples.forEach(s -> out.println("    " + s));
        }
    }

    /** The Markdown cell: "0", or the count and each kind's. */
    public synchronized String cell() {
        long total = inWindow();
        if (total == 0) {
            return "0";
        }
        StringBuilder kinds = new StringBuilder();
        measured.forEach((k, v) -> kinds.append(kinds.length() == 0 ? "" : ", ").append(k).append(": ").append(v));
        return total + " (" + kinds + ")";
    }
}

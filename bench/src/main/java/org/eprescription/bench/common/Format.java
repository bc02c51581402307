package org.eprescription.bench.common;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the reports write figures. */
public final class Format {

    /** The lines around the Markdown rows a run prints for docs/benchmarks.md. */
    public static final String MARKDOWN_BEGIN = "--- Markdown (paste into docs/benchmarks.md) ---";
    public static final String MARKDOWN_END = "--- end Markdown ---";

    private Format() {
    }

    /** Milliseconds with one decimal; "-" when there is no figure. */
    public static String ms(double millis) {
        return ms(millis, 1);
    }

    public static String ms(double millis, int decimals) {
        return Double.isNaN(millis) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", millis);
    }

    /** Prints the Markdown lines (table headers and rows) between the lines that mark them for docs/benchmarks.md. */
    public static void markdown(String... lines) {
        System.out.println(MARKDOWN_BEGIN);
        for (String line : lines) {
            System.out.println(line);
        }
        System.out.println(MARKDOWN_END);
    }

    /** A rate such as 5 or 7.5. */
    public static String rate(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : String.format(Locale.ROOT, "%.1f", rate);
    }

    /** Now, as "yyyy-MM-dd HH:mm UTC". */
    public static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }

    /** {@code text} on one line, cut after {@code max} characters. */
    public static String flat(String text, int max) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() > max ? flat.substring(0, max) + "..." : flat;
    }
}

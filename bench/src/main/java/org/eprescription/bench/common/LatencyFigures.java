package org.eprescription.bench.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run's latencies as its report writes them: the count, the chosen percentiles and the maximum, in milliseconds
 * with {@code decimals} decimals ("-" without a figure).
 */
public record LatencyFigures(Distribution latency, int decimals, double... percentiles) {

    /** The headings of the Markdown columns, e.g. "p50 ms", "p99.9 ms", "max ms". */
    public List<String> headings() {
        List<String> headings = new ArrayList<>();
        for (double p : percentiles) {
            headings.add("p" + Format.rate(p) + " ms");
        }
        headings.add("max ms");
        return headings;
    }

    /** The figures under {@link #headings()}. */
    public List<String> cells() {
        List<String> cells = new ArrayList<>();
        for (double p : percentiles) {
            cells.add(Format.ms(latency.percentile(p), decimals));
        }
        cells.add(Format.ms(latency.max(), decimals));
        return cells;
    }

    /** The console's line, e.g. "latency            count 40, p50 3.1 ms, p99 7.4 ms, max 9.0 ms". */
    public String line(String heading) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-19scount %d", heading, latency.count()));
        List<String> headings = headings();
        List<String> cells = cells();
        for (int i = 0; i < cells.size(); i++) {
            line.append(", ").append(headings.get(i).replace(" ms", "")).append(' ').append(cells.get(i)).append(" ms");
        }
        return line.toString();
    }
}

package org.eprescription.bench.common;

import java.util.Arrays;

/** Sorted latencies in microseconds, read in milliseconds: nearest-rank percentiles, NaN when there are none. */
public final class Distribution {

    private final long[] sorted;

    private Distribution(long[] sorted) {
        this.sorted = sorted;
    }

    /** Sorts {@code micros} in place. */
    public static Distribution of(long[] micros) {
        Arrays.sort(micros);
        return new Distribution(micros);
    }

    public int count() {
        return sorted.length;
    }

    /**
     * The nearest-rank percentile {@code p} (0 &lt; p &lt;= 100) in milliseconds: the smallest sample that at
     * least p % of the samples do not exceed.
     */
    public double percentile(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
    }

    public double p50() {
        return percentile(50);
    }

    public double p90() {
        return percentile(90);
    }

    public double p99() {
        return percentile(99);
    }

    public double min() {
        return sorted.length == 0 ? Double.NaN : sorted[0] / 1000.0;
    }

    public double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1000.0;
    }
}

package org.eprescription.bench.common;

import java.util.Arrays;

/**
 * Latencies in microseconds, every one kept (no histogram, no boxing) and sorted once for the report. Not
 * thread-safe: each client thread records its own, merged after they have finished, or the caller synchronizes.
 */
public final class Samples {

    private long[] values = new long[1024];
    private int size;

    public void add(long micros) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = micros;
    }

    public void addAll(Samples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    public int size() {
        return size;
    }

    public Distribution distribution() {
        return Distribution.of(Arrays.copyOf(values, size));
    }
}

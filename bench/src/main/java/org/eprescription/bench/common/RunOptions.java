package org.eprescription.bench.common;

/** What the options of a closed-loop run name in its report: its label, its clients and its measured seconds. */
public interface RunOptions {

    String label();

    int clients();

    int durationSeconds();
}

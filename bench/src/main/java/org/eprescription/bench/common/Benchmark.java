package org.eprescription.bench.common;

/** One program of the bench jar. */
public interface Benchmark {

    /** The usage text, printed with -h and after a usage error. */
    String usage();

    /** Runs with the program's arguments; a {@link UsageException} for a command line that cannot be run. */
    void run(String[] args) throws Exception;
}

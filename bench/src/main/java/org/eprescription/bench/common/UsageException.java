package org.eprescription.bench.common;

/** A command line that cannot be run: the program prints the message and its usage, and exits with 2. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}

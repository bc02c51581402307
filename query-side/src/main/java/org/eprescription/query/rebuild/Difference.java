package org.eprescription.query.rebuild;

/**
 * One row that differs between a live table and its rebuilt copy, as JSON objects: its key, the live row and the
 * rebuilt row (null where that side has no row with the key).
 */
public record Difference(String table, String key, String live, String rebuilt) {
}

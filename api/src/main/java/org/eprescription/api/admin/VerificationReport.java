package org.eprescription.api.admin;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The answer of {@code POST /admin/projections/{name}/verify}: the projection rebuilt from every event up to
 * {@code position}, compared row by row with its live tables.
 */
public record VerificationReport(String projection, long position, long differences, List<Example> examples) {

    /** A row that differs: its key, and the row as the live table and the rebuilt one hold it (null: no such row). */
    public record Example(String table, JsonNode key, JsonNode live, JsonNode rebuilt) {
    }
}

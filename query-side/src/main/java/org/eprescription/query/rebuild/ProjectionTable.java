package org.eprescription.query.rebuild;

import java.util.List;

/**
 * A table a projection writes, and the columns that identify one of its rows.
 *
 * @param seededFrom a table of the live schema with rows no event gives, which every copy starts from (null: none);
 *                   {@code course_record}'s are the first release's courses (migration V179)
 */
public record ProjectionTable(String name, List<String> keyColumns, String seededFrom) {

    public ProjectionTable {
        keyColumns = List.copyOf(keyColumns);
    }

    public ProjectionTable(String name, List<String> keyColumns) {
        this(name, keyColumns, null);
    }
}

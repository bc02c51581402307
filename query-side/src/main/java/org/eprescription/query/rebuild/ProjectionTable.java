package org.eprescription.query.rebuild;

import java.util.List;

/** A table a projection writes, and the columns that identify one of its rows. */
public record ProjectionTable(String name, List<String> keyColumns) {

    public ProjectionTable {
        keyColumns = List.copyOf(keyColumns);
    }
}

package org.eprescription.query.rebuild;

import java.util.List;

/** How many rows differ between the live tables and their rebuilt copies, and the first few of them. */
public record Differences(long count, List<Difference> examples) {

    public Differences {
        examples = List.copyOf(examples);
    }
}

package org.eprescription.api.audit;

import java.time.Instant;

/**
 * Which stored events an export covers: stored at or after {@code from} and before {@code to} (a half-open range,
 * so consecutive exports neither overlap nor leave gaps), of the given simple type name; null means no bound.
 */
public record EventFilter(Instant from, Instant to, String type) {

    public EventFilter {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("'from' must be before 'to'");
        }
        if (type != null && type.isBlank()) {
            type = null;
        }
    }
}

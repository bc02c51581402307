package org.eprescription.api.eventlog;

import java.time.Instant;

/**
 * Which stored events an export covers: stamped at or after {@code from} and before {@code to} (a half-open range,
 * so consecutive exports never overlap), of the given simple type name; null means no bound. An event is stamped
 * when its command runs and committed a moment later: an export of a window that ended less than a minute ago may
 * not see an event stamped just before its end, and the next window will not either (docs/operations.md, "Audit").
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

    /** Whether an event of this simple type name, stored at this instant, is one the filter lets through. */
    public boolean admits(Instant storedAt, String simpleType) {
        return (from == null || !storedAt.isBefore(from)) && (to == null || storedAt.isBefore(to))
                && (type == null || type.equals(simpleType));
    }
}

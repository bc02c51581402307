package org.eprescription.query.courses;

import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * The courses the first release (0.1.0) derived in its alert projection, which recorded no check in its events:
 * migration V100 copied them into {@code course_record}, and V179 keeps that copy as it was
 * ({@code first_release_course}) with the moment it was taken. A rebuild of {@code course_record} starts from them
 * (they are its table's seed) and skips what that release stored, whose effect on them the copy already holds: it
 * then gives what the live table holds (docs/alerts.md, "After alerts were switched off"). Never written; a store that
 * never ran the first release has none ({@link #NONE}).
 */
public final class FirstReleaseCourses {

    /** The table that holds them: the seed of {@code course_record}'s copies. */
    public static final String TABLE = "first_release_course";
    /** No course of the first release: every event is the events' own. */
    public static final FirstReleaseCourses NONE = new FirstReleaseCourses(null);

    private final Instant storedBefore;

    private FirstReleaseCourses(Instant storedBefore) {
        this.storedBefore = storedBefore;
    }

    /** What V179 kept in the live schema (the connection's current one), or {@link #NONE}. */
    public static FirstReleaseCourses read(JdbcClient jdbc) {
        boolean kept = jdbc.sql("select to_regclass('first_release_cutoff') is not null").query(Boolean.class)
                .single();
        if (!kept) {
            return NONE;
        }
        Timestamp before = jdbc.sql("select max(stored_before) from first_release_cutoff")
                .query(Timestamp.class).optional().orElse(null);
        return before == null ? NONE : new FirstReleaseCourses(before.toInstant());
    }

    /** Whether the first release stored the event: before V100 copied its courses. */
    public boolean storedByIt(EventMessage<?> message) {
        return storedBefore != null && message.getTimestamp().isBefore(storedBefore);
    }
}

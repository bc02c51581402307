package org.eprescription.api.support;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/** Reads the event store itself, so a test sees what was appended rather than what a view shows. */
public final class StoredEvents {

    private final JdbcTemplate jdbc;

    public StoredEvents(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** How many events of this type (simple class name, e.g. PrescriptionDispensed) one prescription has. */
    public int count(String prescriptionId, String eventType) {
        Integer count = jdbc.queryForObject("""
                        SELECT count(*) FROM domainevententry
                        WHERE aggregateidentifier = ? AND payloadtype LIKE ?""",
                Integer.class, prescriptionId, "%." + eventType);
        return count == null ? 0 : count;
    }

    /** Every event of one prescription. */
    public int count(String prescriptionId) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, prescriptionId);
        return count == null ? 0 : count;
    }
}

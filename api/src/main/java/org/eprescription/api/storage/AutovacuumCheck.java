package org.eprescription.api.storage;

import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Warns at start when the PostgreSQL server runs without autovacuum (docs/operations.md, "PostgreSQL settings"). The
 * exchange updates some rows with every command (the event processors' tokens, the idempotency records, the alert
 * progress, the views) and deletes others soon after writing them (live exchange codes, accept attempts). Without
 * vacuum their dead versions stay in the tables, and without the statistics autovacuum gathers the planner reads
 * whole tables for lookups by a list of ids: each command costs more the longer the server runs.
 */
@Component
@RequiredArgsConstructor
public class AutovacuumCheck {

    private static final Logger log = LoggerFactory.getLogger(AutovacuumCheck.class);

    private final JdbcClient jdbc;

    @EventListener(ApplicationReadyEvent.class)
    public void warnIfOff() {
        try {
            warning().ifPresent(log::warn);
        } catch (DataAccessException e) {
            log.warn("could not read PostgreSQL's autovacuum settings: {}", e.toString());
        }
    }

    /** The warning the server's settings call for; none when autovacuum runs. */
    public Optional<String> warning() {
        return warning(setting("autovacuum"), setting("track_counts"));
    }

    /** The warning for these values of {@code autovacuum} and {@code track_counts}; none when both are on. */
    static Optional<String> warning(String autovacuum, String trackCounts) {
        if ("on".equals(autovacuum) && "on".equals(trackCounts)) {
            return Optional.empty();
        }
        return Optional.of("PostgreSQL runs with autovacuum=" + autovacuum + " and track_counts=" + trackCounts
                + ": the exchange's constantly updated tables keep their dead rows and get no statistics, so every "
                + "command costs more the longer the server runs; switch both on (docs/operations.md, "
                + "\"PostgreSQL settings\")");
    }

    private String setting(String name) {
        return jdbc.sql("select current_setting(?)").param(name).query(String.class).single();
    }
}

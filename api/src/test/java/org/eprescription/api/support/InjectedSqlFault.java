package org.eprescription.api.support;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The switch of a fault a test injects into a projection's group: off, or on for one chosen id, where the handler
 * fails with a failing SQL statement as a bug in the projection would. In PostgreSQL that aborts the batch's
 * transaction, the hard case for a dead-letter queue.
 */
abstract class InjectedSqlFault {

    private final AtomicReference<String> chosen = new AtomicReference<>();
    private final JdbcClient jdbc;

    InjectedSqlFault(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void choose(String id) {
        chosen.set(id);
    }

    public void clear() {
        chosen.set(null);
    }

    /** Fails the handler's transaction if {@code id} is the one chosen. */
    void failIfChosen(String id) {
        if (id.equals(chosen.get())) {
            jdbc.sql("SELECT 1 / 0 AS injected_fault").query(Integer.class).single();
        }
    }
}

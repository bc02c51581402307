package org.eprescription.api.admin;

import lombok.RequiredArgsConstructor;
import org.eprescription.query.rebuild.ProjectionDefinition;
import org.eprescription.query.rebuild.ScratchTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Locks on the live tables of projections kept in the commands' transactions
 * ({@link ProjectionDefinition#inCommandTransaction}). A command writes them in its own transaction, so no processor
 * can be stopped: while a replay or a verification applies the last events, a table lock holds those commands off.
 * Once it is granted, every command that wrote the tables has committed (the lock waits for it) and every other one
 * waits, so the events stored then are all those whose writes the live tables hold. A lock not granted within
 * {@link #TIMEOUT} fails the replay, or refuses the verification as busy (409); neither changes anything.
 */
@Component
@RequiredArgsConstructor
class LiveTableLocks {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** PostgreSQL's SQLSTATE when lock_timeout passes. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private static final Logger log = LoggerFactory.getLogger(LiveTableLocks.class);

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final ScratchTables scratch;

    /**
     * For a swap, in the caller's transaction and until it ends: nobody else reads or writes the tables. The tables
     * are locked in the order of the projections' definitions, the order in which a command's check reads them.
     */
    void lockForSwap(Collection<ProjectionDefinition> projections) {
        jdbc.sql("set local lock_timeout = '" + TIMEOUT.toMillis() + "ms'").update();
        jdbc.sql(lockStatement(projections, "access exclusive")).update();
    }

    /**
     * For a comparison, on a connection of its own until closed: the tables are read as usual, and every command that
     * would write them waits. Close it as soon as the comparison's snapshot is taken.
     */
    Held holdAgainstWriters(Collection<ProjectionDefinition> projections) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new CannotGetJdbcConnectionException("no connection to lock the live tables", e);
        }
        Held held = new Held(connection);
        try (Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("set local lock_timeout = '" + TIMEOUT.toMillis() + "ms'");
            statement.execute(lockStatement(projections, "share"));
            return held;
        } catch (SQLException e) {
            held.close();
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw new ProjectionBusyException("the live tables of " + names(projections) + " were not free of"
                        + " writing commands within " + TIMEOUT.toSeconds() + " s; try again");
            }
            throw new IllegalStateException("could not lock the live tables of " + names(projections), e);
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
    }

    private String lockStatement(Collection<ProjectionDefinition> projections, String mode) {
        String live = scratch.liveSchema();
        return projections.stream()
                .flatMap(projection -> projection.tables().stream())
                .map(table -> live + "." + table.name())
                .collect(Collectors.joining(", ", "lock table ", " in " + mode + " mode"));
    }

    private static String names(Collection<ProjectionDefinition> projections) {
        return projections.stream().map(ProjectionDefinition::name).collect(Collectors.joining(", "));
    }

    /** A lock held on a connection of its own: closing ends its transaction, which releases it. */
    static final class Held implements AutoCloseable {

        private Connection connection;

        private Held(Connection connection) {
            this.connection = connection;
        }

        @Override
        public synchronized void close() {
            if (connection == null) {
                return;
            }
            try {
                // nothing was written: ending the transaction releases the lock
                connection.rollback();
            } catch (SQLException e) {
                log.warn("Could not end the transaction that locked the live tables; its connection is closed", e);
                try {
                    connection.abort(Runnable::run);
                } catch (SQLException | RuntimeException abortFailed) {
                    log.warn("Could not abort the connection that locked the live tables", abortFailed);
                }
            }
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // closed or aborted above
            }
            try {
                connection.close();
            } catch (SQLException e) {
                log.warn("Could not give back the connection that locked the live tables", e);
            }
            connection = null;
        }
    }
}

package org.eprescription.api.admin;

import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Keeps replays and verifications one at a time across every node that shares the database, as ProjectionAdmin does
 * on one node: they all build in the same scratch schemas, so a second one would drop the tables the first one is
 * filling (docs/architecture.md, "Replays and verification").
 *
 * <p>A replay holds its projections' processors alone (it stops them for its swap). A verification holds its
 * projection alone and shares its processor with other verifications only. A claim is a set of PostgreSQL
 * session-level advisory locks, tried without waiting, on a connection the claim keeps until it is closed; when a node
 * dies its connection closes and PostgreSQL releases its locks.
 */
@Component
@RequiredArgsConstructor
class ProjectionClaims {

    private static final Logger log = LoggerFactory.getLogger(ProjectionClaims.class);
    /** The first key of every lock taken here; the other advisory locks of the exchange take one key, not two. */
    private static final String NAMESPACE = "exchange projection claims";

    private static final String EXCLUSIVE = "pg_try_advisory_lock";
    private static final String SHARED = "pg_try_advisory_lock_shared";

    private final DataSource dataSource;

    /** Claims {@code processors} for a replay; empty while a replay or verification on any node holds one. */
    Optional<Claim> forReplay(Collection<String> processors) {
        return claim(processors.stream().map(processor -> new Lock(EXCLUSIVE, "processor " + processor)).toList());
    }

    /**
     * Claims {@code projection} for a verification; empty while any node verifies it or replays a projection of its
     * {@code processor}.
     */
    Optional<Claim> forVerification(String processor, String projection) {
        return claim(List.of(new Lock(SHARED, "processor " + processor),
                new Lock(EXCLUSIVE, "projection " + projection)));
    }

    private Optional<Claim> claim(List<Lock> locks) {
        Claim claim = new Claim(connection());
        try {
            for (Lock lock : locks) {
                if (!claim.tryTake(lock)) {
                    claim.close();
                    return Optional.empty();
                }
            }
            return Optional.of(claim);
        } catch (RuntimeException e) {
            claim.close();
            throw e;
        }
    }

    private Connection connection() {
        try {
            Connection connection = dataSource.getConnection();
            try {
                // no transaction stays open on it while the claim is held
                connection.setAutoCommit(true);
                return connection;
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new CannotGetJdbcConnectionException("no connection for a projection claim", e);
        }
    }

    private record Lock(String function, String key) {
    }

    /** Held until closed: closing releases its locks and gives its connection back. */
    static final class Claim implements AutoCloseable {

        private final Connection connection;
        private final JdbcClient jdbc;

        private Claim(Connection connection) {
            this.connection = connection;
            this.jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
        }

        private boolean tryTake(Lock lock) {
            return jdbc.sql("select " + lock.function() + "(hashtext(:namespace), hashtext(:key))")
                    .param("namespace", NAMESPACE)
                    .param("key", lock.key())
                    .query(Boolean.class).single();
        }

        /**
         * Fails unless the claim's session still holds its locks: a session PostgreSQL or the network ended while the
         * claim sat idle (idle_session_timeout, a proxy's idle cut) released them silently, and another node may have
         * claimed the same processor since. Asked right before a replay's swap.
         */
        void requireHeld() {
            boolean held;
            try {
                held = jdbc.sql("""
                                select count(*) > 0 from pg_locks
                                 where locktype = 'advisory' and pid = pg_backend_pid() and granted""")
                        .query(Boolean.class).single();
            } catch (RuntimeException sessionGone) {
                throw new IllegalStateException("the projection claim's session ended; another node may replay now",
                        sessionGone);
            }
            if (!held) {
                throw new IllegalStateException("the projection claim's locks are no longer held");
            }
        }

        /**
         * Releases the locks and gives the connection back; if releasing fails, the connection is aborted instead, so
         * that it does not go back to the pool still holding them (PostgreSQL releases a session's locks when it ends).
         */
        @Override
        public void close() {
            try {
                jdbc.sql("select pg_advisory_unlock_all()").query((row, n) -> true).list();
            } catch (RuntimeException e) {
                log.warn("Could not release a projection claim; its connection is closed for good instead", e);
                try {
                    connection.abort(Runnable::run);
                } catch (SQLException | RuntimeException abortFailed) {
                    log.warn("Could not abort the projection claim's connection", abortFailed);
                }
            }
            try {
                connection.close();
            } catch (SQLException e) {
                log.warn("Could not give the projection claim's connection back", e);
            }
        }
    }
}

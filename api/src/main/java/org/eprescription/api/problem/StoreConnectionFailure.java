package org.eprescription.api.problem;

import java.sql.SQLException;

/**
 * Whether a failure means the store could not be reached, rather than that it refused the statement: an
 * {@link SQLException} of SQLSTATE class 08 (connection exception: refused, broken, closed), 57P (the server shutting
 * down or starting), or none at all (the pool's "Connection is closed" after it dropped a broken connection; the
 * server's own errors always carry a state). Axon wraps these in its own exceptions, so the cause chain is what tells.
 */
final class StoreConnectionFailure {

    private StoreConnectionFailure() {
    }

    static boolean is(Throwable failure) {
        return failure instanceof SQLException sql && (sql.getSQLState() == null
                || sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"));
    }
}

package org.eprescription.query.prescription;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.List;

/**
 * Announces view changes on a PostgreSQL notification channel. The notification is sent on the projection's own
 * connection, inside the transaction that wrote the row, so PostgreSQL delivers it when (and only if) the change
 * commits, and every listening node re-reads a row that already shows it.
 *
 * <p>Inside a transaction (a projection's batch) the notices are collected and sent with one statement just before
 * it commits (the batch tells each prescription once, {@link PrescriptionViewUpdates}); outside one, each is sent at
 * once.
 */
@Component
@RequiredArgsConstructor
public class PostgresViewChangeAnnouncer implements ViewChangeAnnouncer {

    public static final String CHANNEL = "prescription_view_changed";

    private final JdbcClient jdbc;

    @Override
    public void announce(ViewChangeNotice notice) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            send(List.of(notice.toPayload()));
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.payloads.add(notice.toPayload());
    }

    private void send(List<String> payloads) {
        jdbc.sql("select pg_notify(:channel, payload) from unnest(cast(:payloads as text[])) as payload")
                .param("channel", CHANNEL)
                .param("payloads", payloads.toArray(String[]::new))
                .query()
                .listOfRows();
    }

    /** The notices of one transaction, sent before it commits and forgotten when it ends. */
    private final class Pending implements TransactionSynchronization {

        private final List<String> payloads = new ArrayList<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            send(payloads);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(PostgresViewChangeAnnouncer.this);
        }
    }
}

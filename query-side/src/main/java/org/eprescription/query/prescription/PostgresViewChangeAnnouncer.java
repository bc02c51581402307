package org.eprescription.query.prescription;

import org.eprescription.core.ids.PrescriptionId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Announces view changes on a PostgreSQL notification channel. The notification is sent on the projection's own
 * connection, inside the transaction that wrote the row, so PostgreSQL delivers it when (and only if) the change
 * commits, and every listening node re-reads a row that already shows it.
 *
 * <p>Inside a transaction (a projection's batch) the notices are collected and sent with one statement just before
 * it commits, one per prescription however many of its events the batch held ({@link ViewChangeNotice#followedBy});
 * outside one, each is sent at once.
 */
@Component
public class PostgresViewChangeAnnouncer implements ViewChangeAnnouncer {

    public static final String CHANNEL = "prescription_view_changed";

    private final JdbcClient jdbc;

    public PostgresViewChangeAnnouncer(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

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
        pending.notices.merge(notice.prescriptionId(), notice, ViewChangeNotice::followedBy);
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

        private final Map<PrescriptionId, ViewChangeNotice> notices = new LinkedHashMap<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            send(notices.values().stream().map(ViewChangeNotice::toPayload).toList());
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(PostgresViewChangeAnnouncer.this);
        }
    }
}

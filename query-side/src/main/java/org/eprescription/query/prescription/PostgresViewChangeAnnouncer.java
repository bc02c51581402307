package org.eprescription.query.prescription;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Announces view changes on a PostgreSQL notification channel. The notification is sent on the projection's own
 * connection, inside the transaction that wrote the row, so PostgreSQL delivers it when (and only if) the change
 * commits, and every listening node re-reads a row that already shows it.
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
        jdbc.sql("select pg_notify(:channel, :payload)")
                .param("channel", CHANNEL)
                .param("payload", notice.toPayload())
                .query()
                .listOfRows();
    }
}

package org.eprescription.api.eventlog;

import org.eprescription.query.support.SqlTimestamps;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The events in PostgreSQL, read straight from Axon's event table ({@code domainevententry}) when Axon's JDBC engine
 * is the event store: the fastest way there is.
 *
 * <p>{@link #forEach} reads in constant memory: inside a read-only transaction the PostgreSQL driver uses a
 * server-side cursor and holds only {@value #FETCH_SIZE} rows at a time (without a transaction it would load the
 * entire result first). Rows reach the consumer one by one as stored: nothing is deserialized or upcast, so an
 * event stored under an older revision goes out in that revision's shape.
 *
 * <p>{@link #head} takes part in the caller's transaction, if any, and so sees the head as of its snapshot.
 */
public class JdbcEventLog implements EventLog {

    static final int FETCH_SIZE = 500;

    /** Axon stores instants as ISO text with a varying number of digits, which sorts wrongly as text. */
    private static final String STORED_AT = "timestamp::timestamptz";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public JdbcEventLog(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    @Override
    public void forEach(EventFilter filter, Consumer<StoredEvent> consumer) {
        List<String> conditions = new ArrayList<>();
        List<Object> arguments = new ArrayList<>();
        if (filter.from() != null) {
            conditions.add(STORED_AT + " >= ?");
            arguments.add(SqlTimestamps.timestamp(filter.from()));
        }
        if (filter.to() != null) {
            conditions.add(STORED_AT + " < ?");
            arguments.add(SqlTimestamps.timestamp(filter.to()));
        }
        if (filter.type() != null) {
            conditions.add("regexp_replace(payloadtype, '^.*[.$]', '') = ?");
            arguments.add(filter.type());
        }
        String sql = "SELECT globalindex, aggregateidentifier, sequencenumber, payloadtype, timestamp, payload, metadata,"
                + " payloadrevision"
                + " FROM domainevententry"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY globalindex";
        readOnly.executeWithoutResult(status -> jdbc.query(sql, row -> {
            consumer.accept(new StoredEvent(row.getLong(1), row.getString(2), row.getLong(3), row.getString(4),
                    row.getString(5), row.getBytes(6), row.getBytes(7), row.getString(8)));
        }, arguments.toArray()));
    }

    @Override
    public long head() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(globalindex), -1) FROM domainevententry", Long.class);
        return head == null ? -1 : head;
    }
}

package org.eprescription.api.privacy;

import lombok.RequiredArgsConstructor;
import org.eprescription.api.security.CurrentUser;
import org.eprescription.api.security.ExchangeUser;
import org.eprescription.api.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Records every bulk read of patients' data (an export of the events, a verify's examples): one entry per request,
 * not one per patient, since an export of the whole store concerns every patient (docs/operations.md, "Audit").
 * The entry is written before anything is answered, so a read that cannot be recorded is not answered (503); its end
 * (how many lines, complete or failed) is written when the read ends.
 */
@Component
@RequiredArgsConstructor
public class BulkReadLog {

    /** How many entries one answer of {@code GET /audit/exports} lists, newest first. */
    public static final int LIMIT = 1000;

    public enum Outcome { COMPLETE, FAILED }

    /** One bulk read: who, when, what and with which filter; how it ended (null while running or unknown). */
    public record Entry(Instant startedAt, String accessorId, String role, String what, Instant from, Instant to,
                        String type, Instant endedAt, Long lines, Outcome outcome) {
    }

    private static final Logger log = LoggerFactory.getLogger(BulkReadLog.class);

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final Clock clock;

    /** Records that the caller starts reading {@code what}; the id to {@link #ended} it with. */
    public long started(String what, Instant from, Instant to, String type) {
        ExchangeUser user = currentUser.get();
        return jdbc.sql("""
                        insert into bulk_read_log (started_at, accessor_id, role, what, from_instant, to_instant,
                                                   event_type)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(Timestamp.from(clock.instant()), user.subject(), roleOf(user), what, timestamp(from),
                        timestamp(to), type)
                .query(Long.class)
                .single();
    }

    /** Records a bulk read answered at once ({@code lines} rows), before it is answered. */
    public void read(String what, long lines) {
        ended(started(what, null, null, null), lines, Outcome.COMPLETE);
    }

    /**
     * Records how the read ended. A failure to record it is logged, not thrown: the answer is already given (or
     * failed), and the entry then stays without an end, which says the read is not known to have completed.
     */
    public void ended(long id, long lines, Outcome outcome) {
        try {
            jdbc.sql("update bulk_read_log set ended_at = ?, lines = ?, outcome = ? where id = ?")
                    .params(Timestamp.from(clock.instant()), lines, outcome.name(), id)
                    .update();
        } catch (RuntimeException e) {
            log.warn("the end of bulk read {} ({} lines, {}) could not be recorded: {}", id, lines, outcome,
                    e.toString());
        }
    }

    /** The newest {@value #LIMIT} entries, and one more if there are more (so that a reader can say so). */
    public List<Entry> latest() {
        return jdbc.sql("""
                        select started_at, accessor_id, role, what, from_instant, to_instant, event_type, ended_at,
                               lines, outcome
                        from bulk_read_log order by started_at desc, id desc limit :limit""")
                .param("limit", LIMIT + 1)
                .query((row, n) -> new Entry(instant(row.getTimestamp("started_at")), row.getString("accessor_id"),
                        row.getString("role"), row.getString("what"), instant(row.getTimestamp("from_instant")),
                        instant(row.getTimestamp("to_instant")), row.getString("event_type"),
                        instant(row.getTimestamp("ended_at")), (Long) row.getObject("lines", Long.class),
                        row.getString("outcome") == null ? null : Outcome.valueOf(row.getString("outcome"))))
                .list();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String roleOf(ExchangeUser user) {
        return user.has(Role.AUDITOR) ? Role.AUDITOR.name() : user.roles().stream().map(Role::name).sorted()
                .findFirst().orElse("NONE");
    }
}

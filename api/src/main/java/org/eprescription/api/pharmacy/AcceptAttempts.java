package org.eprescription.api.pharmacy;

import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.eprescription.query.support.SqlTimestamps.instant;
import static org.eprescription.query.support.SqlTimestamps.timestamp;

/**
 * Counts the accepts that fail because the code names no prescription (unknown, or not with that birth date) and
 * locks out the pharmacy after too many in a short time, and a prescription after too many right codes with wrong
 * birth dates ({@link LockOut}). Attempts are kept in PostgreSQL ({@code failed_accept_attempt}) so that every node
 * counts the same; the code tried is never stored.
 * <p>
 * An attempt is counted before it runs: {@link #begin} decides and writes it under the pharmacy's lock, so of
 * simultaneous guesses only as many run as the limit leaves; an attempt that turns out not to be a failure is
 * {@link #settled} (deleted) again. A pharmacy therefore has at most that many accepts in flight at once.
 */
@Component
@EnableConfigurationProperties(AcceptAttemptsProperties.class)
public class AcceptAttempts {

    private static final Logger log = LoggerFactory.getLogger(AcceptAttempts.class);
    private static final Duration FORGET_INTERVAL = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AcceptAttemptsProperties rule;
    private final TransactionTemplate transaction;
    private final AtomicReference<Instant> lastForgotten = new AtomicReference<>();

    public AcceptAttempts(JdbcClient jdbc, Clock clock, AcceptAttemptsProperties rule,
                          PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.rule = rule;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** One accept of a pharmacy, counted as failed until it is {@link #settled}. */
    public record Attempt(long id, PharmacyId pharmacy) {
    }

    /**
     * Counts an accept the pharmacy starts.
     *
     * @throws TooManyAcceptAttemptsException while the pharmacy is locked out, whatever code it sends
     */
    public Attempt begin(PharmacyId pharmacy) {
        return transaction.execute(status -> {
            lock("pharmacy " + pharmacy.value());
            Instant now = clock.instant();
            forgetOldAttempts(now);
            // One statement counts the attempt and reads the pharmacy's earlier failures: the insert is not visible
            // to the statement's own read. If they lock the pharmacy out, the refusal rolls the insert back.
            List<Instant> failures = new ArrayList<>();
            long id = jdbc.sql("""
                            WITH attempt AS (
                                INSERT INTO failed_accept_attempt (pharmacy_id, attempted_at) VALUES (:pharmacy, :now)
                                RETURNING id)
                            SELECT attempt.id, earlier.attempted_at
                              FROM attempt
                              LEFT JOIN failed_accept_attempt earlier
                                ON earlier.pharmacy_id = :pharmacy AND earlier.attempted_at > :since
                             ORDER BY earlier.attempted_at""")
                    .param("pharmacy", pharmacy.value())
                    .param("now", timestamp(now))
                    .param("since", timestamp(now.minus(rule.window().plus(rule.lockOut()))))
                    .query((rs, row) -> {
                        OffsetDateTime earlier = rs.getObject(2, OffsetDateTime.class);
                        if (earlier != null) {
                            failures.add(instant(earlier));
                        }
                        return rs.getLong(1);
                    })
                    .list().get(0);
            refuseWhileLocked(failures, rule.pharmacy(), now);
            return new Attempt(id, pharmacy);
        });
    }

    /**
     * Attempts older than the memory can no longer lock anyone out; removing them keeps the table small. Once a
     * minute per node is enough for that, rather than a statement per accept.
     */
    private void forgetOldAttempts(Instant now) {
        Instant last = lastForgotten.get();
        if (last != null && now.isBefore(last.plus(FORGET_INTERVAL)) && !now.isBefore(last)) {
            return;
        }
        if (lastForgotten.compareAndSet(last, now)) {
            jdbc.sql("DELETE FROM failed_accept_attempt WHERE attempted_at <= :forgotten")
                    .param("forgotten", timestamp(now.minus(rule.memory())))
                    .update();
        }
    }

    /**
     * Decides, under the prescription's lock, whether the prescription the code names (or none: {@code null}) is
     * locked after wrong birth dates, and counts this attempt against it when its birth date did not match. The same
     * statements either way, so an unknown code and a known one take the same time; an accept with the right birth
     * date never counts against its prescription.
     *
     * @throws TooManyAcceptAttemptsException while the prescription is locked after wrong birth dates
     */
    public void aimAt(Attempt attempt, PrescriptionId prescription, boolean birthDateMatches) {
        transaction.executeWithoutResult(status -> {
            // an unknown code locks only its own attempt: unknown codes never wait for each other
            lock(prescription == null ? "attempt " + attempt.id() : "prescription " + prescription.value());
            Instant now = clock.instant();
            List<Instant> failures = jdbc.sql("""
                            SELECT attempted_at FROM failed_accept_attempt
                            WHERE prescription_id = :prescription AND attempted_at > :since
                            ORDER BY attempted_at""")
                    .param("prescription", prescription == null ? null : prescription.value())
                    .param("since", timestamp(now.minus(rule.birthDate().window().plus(rule.birthDate().lockOut()))))
                    .query((rs, row) -> instant(rs.getObject(1, OffsetDateTime.class)))
                    .list();
            refuseWhileLocked(failures, rule.birthDate(), now);
            if (prescription != null && birthDateMatches) {
                // a matching pair: nothing to count against the prescription, and nothing secret to hide in time
                return;
            }
            // an unknown code and a right code with a wrong birth date: the same statement
            jdbc.sql("UPDATE failed_accept_attempt SET prescription_id = :prescription WHERE id = :attempt")
                    .param("prescription", prescription == null ? null : prescription.value())
                    .param("attempt", attempt.id())
                    .update();
        });
    }

    /** The attempt failed for want of a matching code and birth date: it stays counted. */
    public void failed(Attempt attempt) {
        Instant now = clock.instant();
        List<Instant> failures = jdbc.sql("""
                        SELECT attempted_at FROM failed_accept_attempt
                        WHERE pharmacy_id = :pharmacy AND attempted_at > :since
                        ORDER BY attempted_at""")
                .param("pharmacy", attempt.pharmacy().value())
                .param("since", timestamp(now.minus(rule.window().plus(rule.lockOut()))))
                .query((rs, row) -> instant(rs.getObject(1, OffsetDateTime.class)))
                .list();
        LockOut.until(failures, rule).filter(now::isBefore).ifPresent(until -> log.warn(
                "pharmacy {} is locked out of accepting until {} after {} failed accepts within {}",
                attempt.pharmacy(), until, rule.limit(), rule.window()));
    }

    /** The attempt did not fail for want of a matching code and birth date: it no longer counts. */
    public void settled(Attempt attempt) {
        jdbc.sql("DELETE FROM failed_accept_attempt WHERE id = :attempt").param("attempt", attempt.id()).update();
    }

    private void lock(String name) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:name, 0))")
                .param("name", "accept attempts of " + name)
                .query((rs, row) -> true)
                .list();
    }

    private static void refuseWhileLocked(List<Instant> failures, AcceptAttemptsProperties.Rule rule, Instant now) {
        Optional<Instant> lockedUntil = LockOut.until(failures, rule).filter(now::isBefore);
        if (lockedUntil.isPresent()) {
            throw new TooManyAcceptAttemptsException(Duration.between(now, lockedUntil.get()));
        }
    }
}

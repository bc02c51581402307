package org.eprescription.api.pharmacy;

import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.prescription.PrescriptionRefusedException;
import org.eprescription.core.prescription.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.eprescription.query.support.SqlTimestamps.instant;
import static org.eprescription.query.support.SqlTimestamps.timestamp;

/**
 * Counts the accepts a pharmacy makes with a code that names no prescription (unknown, or not with that birth date)
 * and locks the pharmacy out after too many in a short time ({@link LockOut}). The failures are kept in PostgreSQL
 * ({@code failed_accept_attempt}) so that every node counts the same; the code tried is never stored.
 * <p>
 * Simultaneous guesses are each checked before any of them is recorded, so one burst can try as many codes as it
 * sends requests at once; the lock then holds for all of them.
 */
@Component
@EnableConfigurationProperties(AcceptAttemptsProperties.class)
public class AcceptAttempts {

    private static final Logger log = LoggerFactory.getLogger(AcceptAttempts.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AcceptAttemptsProperties rule;

    public AcceptAttempts(JdbcClient jdbc, Clock clock, AcceptAttemptsProperties rule) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.rule = rule;
    }

    /**
     * Runs the pharmacy's accept unless the pharmacy is locked out, and records it as a failure if it was refused
     * because the code names no prescription.
     *
     * @throws TooManyAcceptAttemptsException while the pharmacy is locked out, whatever code it sends
     */
    public <T> T counted(PharmacyId pharmacy, Supplier<T> accept) {
        Instant now = clock.instant();
        List<Instant> failures = failuresSince(pharmacy, now.minus(rule.memory()));
        Optional<Instant> lockedUntil = LockOut.until(failures, rule).filter(now::isBefore);
        if (lockedUntil.isPresent()) {
            throw new TooManyAcceptAttemptsException(Duration.between(now, lockedUntil.get()));
        }
        try {
            return accept.get();
        } catch (RuntimeException failure) {
            if (namesNoPrescription(failure)) {
                recordFailure(pharmacy, failures);
            }
            throw failure;
        }
    }

    private List<Instant> failuresSince(PharmacyId pharmacy, Instant since) {
        return jdbc.sql("""
                        SELECT attempted_at FROM failed_accept_attempt
                        WHERE pharmacy_id = :pharmacy AND attempted_at > :since
                        ORDER BY attempted_at""")
                .param("pharmacy", pharmacy.value())
                .param("since", timestamp(since))
                .query((rs, row) -> instant(rs.getObject(1, OffsetDateTime.class)))
                .list();
    }

    private void recordFailure(PharmacyId pharmacy, List<Instant> earlierFailures) {
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO failed_accept_attempt (pharmacy_id, attempted_at) VALUES (:pharmacy, :now)")
                .param("pharmacy", pharmacy.value())
                .param("now", timestamp(now))
                .update();
        // failures this old can no longer lock anyone out; removing them here keeps the table small without a sweep
        jdbc.sql("DELETE FROM failed_accept_attempt WHERE attempted_at <= :forgotten")
                .param("forgotten", timestamp(now.minus(rule.memory())))
                .update();
        List<Instant> failures = new ArrayList<>(earlierFailures);
        failures.add(now);
        LockOut.until(failures, rule).filter(now::isBefore).ifPresent(until -> log.warn(
                "pharmacy {} is locked out of accepting until {} after {} failed accepts within {}",
                pharmacy, until, rule.limit(), rule.window()));
    }

    private static boolean namesNoPrescription(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PrescriptionRefusedException refused
                    && refused.refusal().kind() == Refusal.Kind.NOT_FOUND) {
                return true;
            }
        }
        return false;
    }
}

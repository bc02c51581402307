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
 * birth dates ({@link LockOut}). Failures are kept in PostgreSQL ({@code failed_accept_attempt}) so that every node
 * counts the same; the code tried is never stored.
 * <p>
 * An accept is {@link #decide decided} once its code has been looked up, and before anything tells the pharmacy
 * what the look-up found: under the pharmacy's lock (and the prescription's), one statement reads the earlier
 * failures and counts this one if it is a failure. Simultaneous guesses are therefore decided one after the other,
 * each seeing the failures before it, and only as many get an answer as the limit leaves. An accept whose code and
 * birth date match is never counted, so a pharmacy's many simultaneous accepts of real prescriptions lock nothing.
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

    /**
     * Decides whether an accept may go on, and counts it when it failed: against the pharmacy, and against the
     * prescription the code names when the birth date did not match. The same statements whatever the look-up found,
     * so an unknown code and a known one take the same time.
     *
     * @param named   the prescription the code names, or {@code null} when it names none
     * @param matches whether the code and the birth date name that prescription
     * @throws TooManyAcceptAttemptsException while the pharmacy or the named prescription is locked; the attempt is
     *                                        then not counted
     */
    public void decide(PharmacyId pharmacy, PrescriptionId named, boolean matches) {
        Instant now = clock.instant();
        List<Instant> pharmacyFailures = transaction.execute(status -> {
            lock(pharmacy, named);
            forgetOldAttempts(now);
            Failures earlier = readEarlierFailures(pharmacy, named, !matches, now);
            refuseWhileLocked(earlier.ofPharmacy(), rule.pharmacy(), now);
            refuseWhileLocked(earlier.ofPrescription(), rule.birthDate(), now);
            return earlier.ofPharmacy();
        });
        if (!matches) {
            pharmacyFailures.add(now);
            warnOnLockOut(pharmacy, pharmacyFailures, now);
        }
    }

    /**
     * The accept matched in the views but the prescription itself did not know the code (it was renewed meanwhile):
     * a failure of the pharmacy all the same.
     */
    public void failedAfterMatch(PharmacyId pharmacy) {
        Instant now = clock.instant();
        List<Instant> failures = transaction.execute(status -> {
            lock(pharmacy, null);
            return readEarlierFailures(pharmacy, null, true, now).ofPharmacy();
        });
        failures.add(now);
        warnOnLockOut(pharmacy, failures, now);
    }

    /** The failures before this attempt that still matter, oldest first. */
    private record Failures(List<Instant> ofPharmacy, List<Instant> ofPrescription) {
    }

    /**
     * One statement counts the attempt (when {@code failed}) and reads the earlier failures of the pharmacy and of
     * the prescription: the insert is not visible to the statement's own reads. If they lock, the refusal rolls the
     * insert back.
     */
    private Failures readEarlierFailures(PharmacyId pharmacy, PrescriptionId named, boolean failed, Instant now) {
        Failures failures = new Failures(new ArrayList<>(), new ArrayList<>());
        jdbc.sql("""
                        WITH attempt AS (
                            INSERT INTO failed_accept_attempt (pharmacy_id, attempted_at, prescription_id)
                            SELECT :pharmacy, :now, CAST(:prescription AS uuid) WHERE :failed)
                        SELECT true AS of_pharmacy, attempted_at FROM failed_accept_attempt
                         WHERE pharmacy_id = :pharmacy AND attempted_at > :pharmacySince
                        UNION ALL
                        SELECT false, attempted_at FROM failed_accept_attempt
                         WHERE prescription_id = CAST(:prescription AS uuid) AND attempted_at > :prescriptionSince
                        ORDER BY 2""")
                .param("pharmacy", pharmacy.value())
                .param("now", timestamp(now))
                .param("prescription", named == null ? null : named.value())
                .param("failed", failed)
                .param("pharmacySince", timestamp(now.minus(rule.window().plus(rule.lockOut()))))
                .param("prescriptionSince",
                        timestamp(now.minus(rule.birthDate().window().plus(rule.birthDate().lockOut()))))
                .query((rs, row) -> {
                    Instant at = instant(rs.getObject(2, OffsetDateTime.class));
                    return (rs.getBoolean(1) ? failures.ofPharmacy() : failures.ofPrescription()).add(at);
                })
                .list();
        return failures;
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
     * The pharmacy's lock, then the prescription's, in one statement; always in that order, so two accepts never wait
     * for each other crosswise. A code that names nothing takes a second lock no one else asks for, so that it costs
     * what a known code costs.
     */
    private void lock(PharmacyId pharmacy, PrescriptionId named) {
        String prefix = "accept attempts of ";
        jdbc.sql("""
                        SELECT pg_advisory_xact_lock(hashtextextended(:pharmacy, 0)),
                               pg_advisory_xact_lock(hashtextextended(:prescription, 0))""")
                .param("pharmacy", prefix + "pharmacy " + pharmacy.value())
                .param("prescription", named == null ? prefix + "no prescription, pharmacy " + pharmacy.value()
                        : prefix + "prescription " + named.value())
                .query((rs, row) -> true)
                .list();
    }

    private void warnOnLockOut(PharmacyId pharmacy, List<Instant> failures, Instant now) {
        LockOut.until(failures, rule).filter(now::isBefore).ifPresent(until -> log.warn(
                "pharmacy {} is locked out of accepting until {} after {} failed accepts within {}",
                pharmacy, until, rule.limit(), rule.window()));
    }

    private static void refuseWhileLocked(List<Instant> failures, AcceptAttemptsProperties.Rule rule, Instant now) {
        Optional<Instant> lockedUntil = LockOut.until(failures, rule).filter(now::isBefore);
        if (lockedUntil.isPresent()) {
            throw new TooManyAcceptAttemptsException(Duration.between(now, lockedUntil.get()));
        }
    }
}

package org.eprescription.query.codes;

import org.eprescription.core.code.ExchangeCodeTakenException;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.event.PrescriptionCancelled;
import org.eprescription.core.prescription.event.PrescriptionCompleted;
import org.eprescription.core.prescription.event.PrescriptionExpired;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.core.prescription.PrescriberDetails;
import org.eprescription.core.ids.PatientId;
import org.eprescription.query.testsupport.TestDatabase;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** live_exchange_code against a real PostgreSQL with the real migrations. */
class LiveExchangeCodeRepositoryIT {

    @AutoClose
    private static final TestDatabase database = new TestDatabase();
    private static final LiveExchangeCodeRepository repository = new LiveExchangeCodeRepository(database.jdbcClient());
    private static final LiveExchangeCodeProjection projection = new LiveExchangeCodeProjection(repository);
    private static final TransactionTemplate transactions =
            new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));

    @Test
    void aPrescriptionHoldsItsCodeFromItsIssueUntilItIsFinal() {
        PrescriptionId cancelled = PrescriptionId.random();
        PrescriptionId completed = PrescriptionId.random();
        PrescriptionId expired = PrescriptionId.random();
        projection.on(issued(cancelled, "hash-c"));
        projection.on(issued(completed, "hash-d"));
        projection.on(issued(expired, "hash-e"));

        assertThat(repository.anyHeld(List.of("other", "hash-c"))).isTrue();
        assertThat(repository.anyHeld(List.of("other"))).isFalse();
        assertThat(repository.anyHeld(List.of())).isFalse();

        projection.on(new PrescriptionCancelled(cancelled, InstitutionId.of("H"), PrescriberId.of("D"), "r",
                Instant.EPOCH));
        projection.on(new PrescriptionCompleted(completed, Instant.EPOCH));
        projection.on(new PrescriptionExpired(expired, 1, Instant.EPOCH));

        assertThat(repository.anyHeld(List.of("hash-c", "hash-d", "hash-e"))).isFalse();
        projection.on(issued(PrescriptionId.random(), "hash-c"));
        assertThat(repository.anyHeld(List.of("hash-c"))).as("a final prescription's code is free again").isTrue();
    }

    @Test
    void ofTwoIssuesOfOneHashAtOnceTheLaterFailsOnceTheEarlierCommits() throws Exception {
        String hash = "hash-" + UUID.randomUUID();
        CountDownLatch firstHolds = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            projection.on(issued(PrescriptionId.random(), hash));
            firstHolds.countDown();
            try {
                commitFirst.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(firstHolds.await(30, TimeUnit.SECONDS)).isTrue();
        // the second looked before the first committed: it saw the hash free
        assertThat(repository.anyHeld(List.of(hash))).isFalse();
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(
                tx -> projection.on(issued(PrescriptionId.random(), hash))));

        await("the second insert waits for the first's uncommitted row").atMost(Duration.ofSeconds(10))
                .until(() -> waitingForALock() > 0);
        assertThat(second).isNotDone();
        commitFirst.countDown();
        first.get(30, TimeUnit.SECONDS);

        assertThatThrownBy(() -> second.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(ExchangeCodeTakenException.class)
                .cause().message().doesNotContain(hash);
        assertThat(database.jdbcClient().sql("select count(*) from live_exchange_code where code_hash = :hash")
                .param("hash", hash).query(Integer.class).single()).isEqualTo(1);
    }

    private static int waitingForALock() {
        return database.jdbcClient().sql("""
                        select count(*) from pg_stat_activity
                         where datname = current_database() and wait_event_type = 'Lock'""")
                .query(Integer.class).single();
    }

    private static PrescriptionIssued issued(PrescriptionId id, String hash) {
        return new PrescriptionIssued(id, new PatientDetails(PatientId.of("PAT-1"), LocalDate.of(1960, 1, 1), null),
                new PrescriberDetails(PrescriberId.of("D"), InstitutionId.of("H")), List.of(), 0,
                LocalDate.of(2026, 12, 31), hash, "k1", 0, List.of(), Instant.EPOCH, java.time.LocalDate.ofInstant(Instant.EPOCH, java.time.ZoneOffset.UTC));
    }
}

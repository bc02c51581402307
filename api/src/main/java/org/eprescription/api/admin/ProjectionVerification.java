package org.eprescription.api.admin;

import org.eprescription.api.eventlog.EventLog;
import org.eprescription.query.rebuild.CommittedEvents;
import org.eprescription.query.rebuild.Differences;
import org.eprescription.query.rebuild.EventReplayer;
import org.eprescription.query.rebuild.ProjectionDefinition;
import org.eprescription.query.rebuild.ScratchTables;
import org.eprescription.query.rebuild.TableComparison;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Rebuilds a projection into scratch tables ({@link ScratchTables#VERIFY_SCHEMA}) from every event and compares them
 * with the live tables.
 *
 * <p>Both must stand at the same event for the comparison to mean anything: the copies are built up to the head, the
 * live processor is awaited until it is there too, and the comparison runs in a snapshot in which the head is still
 * that event. Events keep arriving on a busy system, so this is tried a few times; differences found are confirmed
 * by another attempt before they are reported, since a live batch may still have been committing.
 *
 * <p>A projection kept in the commands' transactions is compared once, exactly: its live tables are locked against
 * the commands that write them ({@link LiveTableLocks#holdAgainstWriters}), the copies are given every event stored by
 * then ({@link EventReplayer.Run#applyCommitted}), and the comparison's snapshot is taken before the lock is let go,
 * so that the commands waiting meanwhile wait only for that.
 */
@Component
class ProjectionVerification {

    private static final int ATTEMPTS = 3;
    private static final Duration LIVE_WAIT = Duration.ofSeconds(10);

    private final EventReplayer replayer;
    private final ScratchTables scratch;
    private final TableComparison comparison;
    private final ProjectionProcessors processors;
    private final LiveTableLocks locks;
    private final CommittedEvents committed;
    private final EventLog events;
    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;

    ProjectionVerification(EventReplayer replayer, ScratchTables scratch, TableComparison comparison,
                           ProjectionProcessors processors, LiveTableLocks locks, CommittedEvents committed,
                           EventLog events, JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.replayer = replayer;
        this.scratch = scratch;
        this.comparison = comparison;
        this.processors = processors;
        this.locks = locks;
        this.committed = committed;
        this.events = events;
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactionManager);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
    }

    record Result(long position, Differences differences) {
    }

    Result verify(ProjectionDefinition projection, int examples) throws InterruptedException {
        scratch.create(ScratchTables.VERIFY_SCHEMA, projection);
        try (EventReplayer.Run run = replayer.start(projection, ScratchTables.VERIFY_SCHEMA)) {
            if (projection.inCommandTransaction()) {
                return verifyInCommand(run, projection, examples);
            }
            Result result = null;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                long position = EventReplayer.position(run.catchUp((done, at) -> { }));
                processors.awaitPosition(projection.name(), position, LIVE_WAIT);
                Optional<Differences> differences = compareAt(position, projection, examples);
                if (differences.isPresent()) {
                    result = new Result(position, differences.get());
                    if (result.differences().count() == 0) {
                        return result;
                    }
                }
                Thread.sleep(100);
            }
            if (result != null) {
                return result;
            }
            long position = EventReplayer.position(run.lastToken());
            return new Result(position, compare(projection, examples));
        } finally {
            scratch.drop(ScratchTables.VERIFY_SCHEMA, projection);
        }
    }

    private Result verifyInCommand(EventReplayer.Run run, ProjectionDefinition projection, int examples)
            throws InterruptedException {
        run.catchUp((done, at) -> { });
        try (LiveTableLocks.Held writersWait = locks.holdAgainstWriters(List.of(projection))) {
            run.applyCommitted(committed);
            return snapshot.execute(status -> {
                // PostgreSQL takes a repeatable-read transaction's snapshot at its first statement; after it, the
                // commands that waited may go on: the comparison sees the tables as they were while they waited
                jdbc.sql("select 1").query(Integer.class).single();
                writersWait.close();
                return new Result(EventReplayer.position(run.lastToken()),
                        comparison.compare(scratch.liveSchema(), ScratchTables.VERIFY_SCHEMA, projection, examples));
            });
        }
    }

    /**
     * Compares in one snapshot, if no event beyond {@code position} was stored when the snapshot was taken. The
     * snapshot is taken first and the head asked for after it: a head still at {@code position} then means that the
     * live tables in the snapshot cannot hold any later event, whether the events are in this database (where the
     * head is read in the snapshot itself) or in Axon Server.
     */
    private Optional<Differences> compareAt(long position, ProjectionDefinition projection, int examples) {
        return snapshot.execute(status -> {
            // PostgreSQL takes a repeatable-read transaction's snapshot at its first statement
            jdbc.sql("select 1").query(Integer.class).single();
            long head = events.head();
            return head == position
                    ? Optional.of(comparison.compare(scratch.liveSchema(), ScratchTables.VERIFY_SCHEMA, projection,
                    examples))
                    : Optional.empty();
        });
    }

    private Differences compare(ProjectionDefinition projection, int examples) {
        return snapshot.execute(status -> comparison.compare(scratch.liveSchema(), ScratchTables.VERIFY_SCHEMA,
                projection, examples));
    }
}

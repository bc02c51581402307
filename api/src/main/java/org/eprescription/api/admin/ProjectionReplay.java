package org.eprescription.api.admin;

import org.axonframework.eventhandling.TrackingToken;
import org.eprescription.query.rebuild.CommittedEvents;
import org.eprescription.query.rebuild.EventReplayer;
import org.eprescription.query.rebuild.ProjectionDefinition;
import org.eprescription.query.rebuild.ScratchTables;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rebuilds projections from the first event without taking their live view away: one projection, or several in one
 * pass over the store.
 *
 * <ol>
 *   <li>New, empty copies of their tables in {@link ScratchTables#REBUILD_SCHEMA}; a detached instance of each one's
 *   handlers fills them from every stored event, batch by batch (each event read once for all of them), while the
 *   live processors go on updating the live tables and every read is answered from those.</li>
 *   <li>Caught up with the head: their live processors are stopped (reads still answer, from the live tables), the
 *   few events stored meanwhile are applied to the copies too.</li>
 *   <li>One transaction puts all the copies in place of the live tables and sets the token of each live processor
 *   whose projections were all rebuilt to the last event the copies contain; then the processors start again and go
 *   on from there. A processor that runs other projections too keeps its token, which those projections' tables are
 *   at: it goes on from there, and the rebuilt projection skips the events its copies already contain (every
 *   projection is idempotent under redelivery).</li>
 * </ol>
 * A projection kept in the commands' transactions ({@link ProjectionDefinition#inCommandTransaction}) has no processor
 * to stop: the swap's transaction locks its live tables first ({@link LiveTableLocks#lockForSwap}), which waits for the
 * commands writing them and holds off the next ones, applies to the copies every event stored by then, read afresh
 * ({@link EventReplayer.Run#applyCommitted}), and swaps them in; the commands held off then write to the rebuilt
 * tables.
 * The detached handlers notify no subscriber, so live streams see nothing of the rebuild. A failure before the swap
 * drops the copies and leaves every live table as it was. The swap's transaction also takes the projections off the
 * replays due at start ({@link DueReplays}).
 */
@Component
class ProjectionReplay {

    private final EventReplayer replayer;
    private final ScratchTables scratch;
    private final ProjectionProcessors processors;
    private final LiveTableLocks locks;
    private final CommittedEvents committed;
    private final DueReplays due;
    private final TransactionTemplate transaction;

    ProjectionReplay(EventReplayer replayer, ScratchTables scratch, ProjectionProcessors processors,
                     LiveTableLocks locks, CommittedEvents committed, DueReplays due,
                     PlatformTransactionManager transactionManager) {
        this.replayer = replayer;
        this.scratch = scratch;
        this.processors = processors;
        this.locks = locks;
        this.committed = committed;
        this.due = due;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /**
     * Rebuilds {@code projections}, each telling its own entry of {@code progress} how far it has come; right before
     * the swap, {@code stillClaimed} fails the replay if its claim across nodes was lost meanwhile.
     */
    void run(List<ProjectionDefinition> projections, Map<String, ReplayProgress> progress, Runnable stillClaimed)
            throws InterruptedException {
        Set<String> rebuilt = projections.stream().map(ProjectionDefinition::name).collect(Collectors.toSet());
        // each live processor involved, by its name, with one of its projections (by which processors are found)
        Map<String, String> processorsInvolved = new LinkedHashMap<>();
        List<ProjectionDefinition> inCommand = new ArrayList<>();
        for (ProjectionDefinition projection : projections) {
            if (projection.inCommandTransaction()) {
                inCommand.add(projection);
            } else {
                processorsInvolved.putIfAbsent(processors.find(projection.name()).orElseThrow().getName(),
                        projection.name());
            }
        }
        projections.forEach(projection -> scratch.create(ScratchTables.REBUILD_SCHEMA, projection));
        List<String> restart = new ArrayList<>();
        try (EventReplayer.Run run = replayer.start(projections, ScratchTables.REBUILD_SCHEMA)) {
            run.catchUp(name -> progress.get(name)::reached);
            for (String name : processorsInvolved.values()) {
                if (processors.isRunning(name)) {
                    processors.stop(name);
                    restart.add(name);
                }
            }
            TrackingToken last = run.catchUp(name -> progress.get(name)::reached);
            stillClaimed.run();
            transaction.executeWithoutResult(status -> {
                if (!inCommand.isEmpty()) {
                    locks.lockForSwap(inCommand);
                    run.applyCommitted(committed);
                }
                // no other node may hold the processor or have processed past the copies (its claims wait for this
                // transaction): their events after the copies' last would be lost to the swapped-in tables
                processorsInvolved.values().forEach(name -> processors.claimAllNotBeyond(name, last));
                projections.forEach(projection -> scratch.swapIntoLive(ScratchTables.REBUILD_SCHEMA, projection));
                for (String name : processorsInvolved.values()) {
                    if (rebuilt.containsAll(processors.sharingProcessorWith(name))) {
                        processors.moveTo(name, last);
                    } else {
                        processors.releaseAll(name);
                    }
                }
                due.done(rebuilt);
            });
        } catch (RuntimeException | InterruptedException e) {
            projections.forEach(projection -> scratch.drop(ScratchTables.REBUILD_SCHEMA, projection));
            throw e;
        } finally {
            restart.forEach(processors::start);
        }
    }
}

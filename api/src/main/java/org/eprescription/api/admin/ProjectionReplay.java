package org.eprescription.api.admin;

import org.axonframework.eventhandling.TrackingToken;
import org.eprescription.query.rebuild.EventReplayer;
import org.eprescription.query.rebuild.ProjectionDefinition;
import org.eprescription.query.rebuild.ScratchTables;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds a projection from the first event without taking its live view away.
 *
 * <ol>
 *   <li>New, empty copies of its tables in {@link ScratchTables#REBUILD_SCHEMA}; a detached instance of its handlers
 *   fills them from every stored event, batch by batch, while the live processor goes on updating the live tables
 *   and every read is answered from those.</li>
 *   <li>Caught up with the head: the live processor is stopped (reads still answer, from the live tables), the few
 *   events stored meanwhile are applied to the copies too.</li>
 *   <li>One transaction puts the copies in place of the live tables and sets the live processor's token to the last
 *   event the copies contain; then the processor starts again and goes on from there. A processor that runs other
 *   projections too keeps its token, which those projections' tables are at: it goes on from there, and the rebuilt
 *   projection skips the events its copies already contain (every projection is idempotent under redelivery).</li>
 * </ol>
 * The detached handlers notify no subscriber, so live streams see nothing of the rebuild.
 */
@Component
class ProjectionReplay {

    private final EventReplayer replayer;
    private final ScratchTables scratch;
    private final ProjectionProcessors processors;
    private final TransactionTemplate transaction;

    ProjectionReplay(EventReplayer replayer, ScratchTables scratch, ProjectionProcessors processors,
                     PlatformTransactionManager transactionManager) {
        this.replayer = replayer;
        this.scratch = scratch;
        this.processors = processors;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    void run(ProjectionDefinition projection, ReplayProgress progress) throws InterruptedException {
        String name = projection.name();
        boolean processorOfItsOwn = processors.sharingProcessorWith(name).isEmpty();
        scratch.create(ScratchTables.REBUILD_SCHEMA, projection);
        boolean restart = false;
        try (EventReplayer.Run run = replayer.start(projection, ScratchTables.REBUILD_SCHEMA)) {
            run.catchUp(progress::reached);
            if (processors.isRunning(name)) {
                processors.stop(name);
                restart = true;
            }
            TrackingToken last = run.catchUp(progress::reached);
            transaction.executeWithoutResult(status -> {
                scratch.swapIntoLive(ScratchTables.REBUILD_SCHEMA, projection);
                if (processorOfItsOwn) {
                    processors.moveTo(name, last);
                }
            });
        } catch (RuntimeException | InterruptedException e) {
            scratch.drop(ScratchTables.REBUILD_SCHEMA, projection);
            throw e;
        } finally {
            if (restart) {
                processors.start(name);
            }
        }
    }
}

package org.eprescription.query.prescription;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.PrescriptionStatus;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.eprescription.query.testsupport.BatchRun;
import org.eprescription.query.testsupport.TestDatabase;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eprescription.query.prescription.PrescriptionFixtures.CATALOGUE;
import static org.eprescription.query.prescription.PrescriptionFixtures.HOSPITAL;
import static org.eprescription.query.prescription.PrescriptionFixtures.PHARMACY_A;
import static org.eprescription.query.prescription.PrescriptionFixtures.T;
import static org.eprescription.query.prescription.PrescriptionFixtures.acceptedByA;
import static org.eprescription.query.prescription.PrescriptionFixtures.issued;
import static org.eprescription.query.prescription.PrescriptionFixtures.message;
import static org.eprescription.query.prescription.PrescriptionFixtures.releasedByA;

/**
 * The live projection in event processor batches (docs/architecture.md, "One write path, batched"): the rows a
 * batch's events name are read in one statement and written once each, the other nodes are told with one
 * notification statement, subscribers get one update per prescription after the batch has committed, and a batch
 * that rolls back leaves no row and tells nobody.
 */
class BatchedViewsIT {

    @AutoClose
    private static final TestDatabase database = new TestDatabase();

    private BatchRun run;
    private PrescriptionViewRepository repository;
    private PrescriptionViewUpdates updates;
    private AnnotationEventHandlerAdapter projection;

    @BeforeEach
    void setUp() {
        database.jdbcClient().sql("delete from prescription_view").update();
        run = new BatchRun(database.dataSource());
        repository = new PrescriptionViewRepository(run.template(), TestDatabase.OBJECT_MAPPER, CATALOGUE);
        updates = new PrescriptionViewUpdates(repository,
                new PostgresViewChangeAnnouncer(JdbcClient.create(run.template())), PrescriptionFixtures.CLOCK);
        projection = new AnnotationEventHandlerAdapter(new PrescriptionViewProjection(repository, CATALOGUE, updates));
    }

    /** Issued, accepted, released, accepted again: four events, four versions. */
    private static List<EventMessage<?>> lifecycle(PrescriptionId id) {
        PrescriptionIssued issued = issued(id, 0);
        return List.of(message(issued, 0),
                message(acceptedByA(id, T), 1),
                message(releasedByA(id), 2),
                message(acceptedByA(id, T), 3));
    }

    private List<PrescriptionView> subscribe(PrescriptionId id) {
        return PrescriptionFixtures.subscribe(updates, new FindPrescription(id));
    }

    @Test
    void aBatchReadsItsRowsInOneStatementAndWritesEachChangedRowOnce() {
        PrescriptionId first = PrescriptionId.random();
        PrescriptionId second = PrescriptionId.random();
        List<EventMessage<?>> events = Stream.concat(lifecycle(first).stream(), lifecycle(second).stream()).toList();

        run.batch(events, projection::handle);

        assertThat(run.reads("prescription_view")).as("one read for the batch's rows").isEqualTo(1);
        assertThat(run.prepared("insert into prescription_view")).as("one JDBC batch of upserts").isEqualTo(1);
        assertThat(run.prepared("pg_notify")).as("one notification statement").isEqualTo(1);
        for (PrescriptionId id : List.of(first, second)) {
            PrescriptionView view = repository.load(id).orElseThrow();
            assertThat(view.version()).isEqualTo(3);
            assertThat(view.status()).isEqualTo(PrescriptionStatus.ACCEPTED);
        }
    }

    @Test
    void aBatchLeavesTheRowsThatOneEventAtATimeLeaves() {
        PrescriptionId batched = PrescriptionId.random();
        PrescriptionId single = PrescriptionId.random();
        run.batch(lifecycle(batched), projection::handle);
        for (EventMessage<?> event : lifecycle(single)) {
            run.batch(List.of(event), projection::handle);
        }

        PrescriptionView fromBatch = repository.load(batched).orElseThrow();
        PrescriptionView oneByOne = repository.load(single).orElseThrow();
        assertThat(fromBatch).usingRecursiveComparison().ignoringFields("prescriptionId")
                .isEqualTo(oneByOne);
    }

    @Test
    void aRedeliveredBatchChangesNothing() {
        PrescriptionId id = PrescriptionId.random();
        run.batch(lifecycle(id), projection::handle);
        PrescriptionView first = repository.load(id).orElseThrow();
        run.forget();

        run.batch(lifecycle(id), projection::handle);

        assertThat(repository.load(id)).contains(first);
        assertThat(run.prepared("insert into prescription_view")).as("nothing to write").isZero();
    }

    @Test
    void subscribersGetTheViewTheBatchLeavesOnceItHasCommitted() {
        PrescriptionId id = PrescriptionId.random();
        List<PrescriptionView> received = subscribe(id);
        List<Integer> seenBeforeCommit = new ArrayList<>();
        List<EventMessage<?>> events = lifecycle(id);

        run.batch(events, event -> {
            projection.handle(event);
            if (event == events.get(events.size() - 1)) {
                CurrentUnitOfWork.get()
                        .onPrepareCommit(unitOfWork -> seenBeforeCommit.add(received.size()));
            }
        });

        assertThat(seenBeforeCommit).as("nothing handed over before the commit").containsExactly(0);
        assertThat(received).as("one update, the batch's last state").hasSize(1);
        assertThat(received.get(0).version()).isEqualTo(3);
    }

    @Test
    void aBatchThatRollsBackLeavesNoRowAndTellsNobody() {
        PrescriptionId id = PrescriptionId.random();
        List<PrescriptionView> received = subscribe(id);
        List<EventMessage<?>> events = lifecycle(id);

        assertThatThrownBy(() -> run.batchFailingAtTheEnd(events, projection::handle))
                .isInstanceOf(IllegalStateException.class);

        assertThat(repository.load(id)).isEmpty();
        assertThat(received).isEmpty();
    }

    @Test
    void aBatchWhoseCommitFailsForgetsWhatItToldSoTheNodeThatHandlesItAgainIsHeard() {
        PrescriptionId id = PrescriptionId.random();
        List<PrescriptionView> received = subscribe(id);
        List<EventMessage<?>> events = lifecycle(id);

        assertThatThrownBy(() -> run.batchFailingAtCommit(events, projection::handle))
                .isInstanceOf(IllegalStateException.class);
        assertThat(repository.load(id)).isEmpty();

        // the segment is claimed by another node, whose processor handles the batch again and announces its change
        List<ViewChangeNotice> announcedThere = new ArrayList<>();
        PrescriptionViewUpdates there = new PrescriptionViewUpdates(repository, announcedThere::add,
                PrescriptionFixtures.CLOCK);
        AnnotationEventHandlerAdapter projectionThere =
                new AnnotationEventHandlerAdapter(new PrescriptionViewProjection(repository, CATALOGUE, there));
        run.batch(events, projectionThere::handle);
        assertThat(announcedThere).hasSize(1);
        updates.changedElsewhere(announcedThere.get(0));

        assertThat(received).as("the change reaches this node's followers").hasSize(1);
        assertThat(received.get(0).version()).isEqualTo(3);
        assertThat(updates.toldHere(id, 0)).as("this node told nothing").isFalse();
    }

    @Test
    void aCommittedBatchsOwnAnnouncementIsRecognisedEvenBeforeItsFollowersAreTold() {
        PrescriptionId id = PrescriptionId.random();
        List<PrescriptionView> received = subscribe(id);
        List<EventMessage<?>> events = lifecycle(id);
        ViewChangeNotice own = new ViewChangeNotice(id, 3, HOSPITAL, Set.of(PHARMACY_A), -1);

        run.batch(events, event -> {
            projection.handle(event);
            if (event == events.get(events.size() - 1)) {
                // the notification is delivered once the transaction commits, possibly before the after-commit phase
                CurrentUnitOfWork.get().onCommit(unitOfWork -> updates.changedElsewhere(own));
            }
        });

        assertThat(received).as("told once, not again on its own announcement").hasSize(1);
        assertThat(updates.toldHere(id, 3)).isTrue();
    }
}

package org.eprescription.query.prescription;

import org.eprescription.query.testsupport.TestDatabase;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.eprescription.query.support.StorePositions;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.PrescriptionStatus;
import org.eprescription.core.interaction.CheckTrigger;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.core.prescription.event.PrescriptionAccepted;
import org.eprescription.core.prescription.event.PrescriptionCompleted;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.query.prescription.PrescriptionFixtures.CATALOGUE;
import static org.eprescription.query.prescription.PrescriptionFixtures.CLOCK;
import static org.eprescription.query.prescription.PrescriptionFixtures.DOCTOR;
import static org.eprescription.query.prescription.PrescriptionFixtures.HOSPITAL;
import static org.eprescription.query.prescription.PrescriptionFixtures.PATIENT;
import static org.eprescription.query.prescription.PrescriptionFixtures.PHARMACIST;
import static org.eprescription.query.prescription.PrescriptionFixtures.PHARMACY_A;
import static org.eprescription.query.prescription.PrescriptionFixtures.PHARMACY_B;
import static org.eprescription.query.prescription.PrescriptionFixtures.T;
import static org.eprescription.query.prescription.PrescriptionFixtures.acceptedByA;
import static org.eprescription.query.prescription.PrescriptionFixtures.issued;
import static org.eprescription.query.prescription.PrescriptionFixtures.item;
import static org.eprescription.query.prescription.PrescriptionFixtures.message;
import static org.eprescription.query.prescription.PrescriptionFixtures.releasedByA;

/**
 * The projection driven through Axon's annotation adapter (so {@code @SequenceNumber}, {@code @Timestamp} and the
 * message's tracking token are resolved as in the application) against a real PostgreSQL, with live followers as the application has them.
 */
class PrescriptionViewProjectionIT {

    @AutoClose
    private static final TestDatabase database = new TestDatabase();
    private static final PrescriptionViewRepository repository =
            new PrescriptionViewRepository(database.jdbcClient(), TestDatabase.OBJECT_MAPPER, CATALOGUE);

    private PrescriptionViewUpdates updates;
    private AnnotationEventHandlerAdapter projection;
    private PrescriptionViewQueries queries;

    @BeforeEach
    void setUp() {
        database.jdbcClient().sql("delete from prescription_view").update();
        updates = new PrescriptionViewUpdates(repository, ViewChangeAnnouncer.NONE, CLOCK);
        projection = new AnnotationEventHandlerAdapter(new PrescriptionViewProjection(repository, CATALOGUE, updates));
        queries = new PrescriptionViewQueries(repository);
    }

    private void handle(EventMessage<?> message) throws Exception {
        projection.handle(message);
    }

    /** The prescription's events as the event store delivers them live, from sequence 0. */
    private void handleInOrder(PrescriptionEvent... events) throws Exception {
        for (int sequence = 0; sequence < events.length; sequence++) {
            handle(message(events[sequence], sequence));
        }
    }

    /** The same as a tracking processor delivers them, each at the global position of its sequence. */
    private static void trackInOrder(AnnotationEventHandlerAdapter handler, PrescriptionEvent... events)
            throws Exception {
        for (int sequence = 0; sequence < events.length; sequence++) {
            handler.handle(tracked(events[sequence], sequence, sequence));
        }
    }

    /** What a live subscriber of {@code query} receives, as the application's streams would. */
    private List<PrescriptionView> subscribe(Object query) {
        return PrescriptionFixtures.subscribe(updates, query);
    }

    @Test
    void eventsBuildTheRowWithTheSequenceNumberAsVersionAndTheTimestampAsUpdatedAt() throws Exception {
        PrescriptionIssued issued = issued(PrescriptionId.random(), 1);
        PrescriptionId id = issued.prescriptionId();

        handleInOrder(issued, acceptedByA(id, T));

        PrescriptionView view = queries.handle(new FindPrescription(id)).orElseThrow();
        assertThat(view.status()).isEqualTo(PrescriptionStatus.ACCEPTED);
        assertThat(view.pharmacyId()).isEqualTo(PHARMACY_A);
        assertThat(view.version()).isEqualTo(1);
        assertThat(view.updatedAt()).isEqualTo(T.plusSeconds(1));
        assertThat(queries.handle(new FindPrescriptionByExchangeCode(issued.exchangeCodeHash()))).contains(view);
    }

    @Test
    void aRedeliveredEventIsSkipped() throws Exception {
        PrescriptionIssued issued = issued(PrescriptionId.random(), 0);
        PrescriptionId id = issued.prescriptionId();
        PrescriptionEvent[] batch = {issued, acceptedByA(id, T), releasedByA(id)};
        handleInOrder(batch);
        PrescriptionView afterRelease = repository.load(id).orElseThrow();

        // the whole batch again, as after a failed commit of the token
        handleInOrder(batch);

        assertThat(repository.load(id)).contains(afterRelease);
        assertThat(afterRelease.status()).isEqualTo(PrescriptionStatus.ISSUED);
        assertThat(afterRelease.version()).isEqualTo(2);
    }

    @Test
    void aSubscriberOfThePrescriptionGetsTheNewViewAndASubscriberOfAnotherGetsNothing() throws Exception {
        PrescriptionIssued issued = issued(PrescriptionId.random(), 0);
        PrescriptionId id = issued.prescriptionId();
        handle(message(issued, 0));
        List<PrescriptionView> watchingIt = subscribe(new FindPrescription(id));
        List<PrescriptionView> watchingAnother = subscribe(new FindPrescription(PrescriptionId.random()));

        handle(message(acceptedByA(id, T), 1));

        assertThat(watchingIt).containsExactly(repository.load(id).orElseThrow());
        assertThat(watchingAnother).isEmpty();
    }

    @Test
    void aReplaysProjectionTellsNobody() throws Exception {
        PrescriptionIssued issued = issued(PrescriptionId.random(), 0);
        PrescriptionId id = issued.prescriptionId();
        List<PrescriptionView> watching = subscribe(new FindPrescription(id));
        AnnotationEventHandlerAdapter replay = new AnnotationEventHandlerAdapter(
                PrescriptionViewProjection.forReplay(repository, CATALOGUE));

        trackInOrder(replay, issued, acceptedByA(id, T));

        assertThat(repository.load(id).orElseThrow().status()).isEqualTo(PrescriptionStatus.ACCEPTED);
        assertThat(watching).isEmpty();
    }

    @Test
    void aReplayIntoAnEmptyViewRebuildsTheSameRows() throws Exception {
        PrescriptionIssued issued = issued(PrescriptionId.random(), 0);
        PrescriptionId id = issued.prescriptionId();
        trackInOrder(projection, issued, acceptedByA(id, T));
        PrescriptionView live = repository.load(id).orElseThrow();

        database.jdbcClient().sql("delete from prescription_view").update();
        assertThat(repository.load(id)).isEmpty();

        trackInOrder(projection, issued, acceptedByA(id, T));
        assertThat(repository.load(id)).contains(live);
    }

    @Test
    void theQueriesAnswerFromTheView() throws Exception {
        LocalDate today = LocalDate.of(2026, 12, 10);
        PrescriptionIssued stale = issued(PrescriptionId.random(), 0, PATIENT, HOSPITAL, "hash-stale",
                T.minusSeconds(60), today.minusDays(1));
        PrescriptionIssued fresh = issued(PrescriptionId.random(), 0, PATIENT, HOSPITAL, "hash-fresh", T, today);
        handle(message(stale, 0));
        handle(message(fresh, 0));

        assertThat(queries.handle(new FindPrescriptionsByInstitution(HOSPITAL)))
                .extracting(PrescriptionView::prescriptionId)
                .containsExactly(fresh.prescriptionId(), stale.prescriptionId());
        assertThat(queries.handle(new FindPrescriptionsByPatient(PATIENT)))
                .extracting(PrescriptionView::prescriptionId)
                .containsExactly(fresh.prescriptionId(), stale.prescriptionId());
        assertThat(queries.handle(new FindExpiryCandidates(today, 10)))
                .isEqualTo(new ExpiryCandidates(List.of(stale.prescriptionId())));
        assertThat(queries.handle(new FindPrescription(PrescriptionId.random()))).isEmpty();
    }

    private static EventMessage<PrescriptionEvent> tracked(PrescriptionEvent event, long sequence, long position) {
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position),
                message(event, sequence));
    }

    @Test
    void aReleaseReachesThePharmacyThatHeldItAndTheInstitutionButNoOtherPharmacy() throws Exception {
        PrescriptionIssued issued = issued(PrescriptionId.random(), 0);
        PrescriptionId id = issued.prescriptionId();
        handleInOrder(issued, acceptedByA(id, T));
        Instant today = T.minusSeconds(3600);
        List<PrescriptionView> formerHolder = subscribe(new FindDispensingView(PHARMACY_A, today));
        List<PrescriptionView> otherPharmacy = subscribe(new FindDispensingView(PHARMACY_B, today));
        List<PrescriptionView> institution = subscribe(new FindPrescriptionsByInstitution(HOSPITAL));
        List<PrescriptionView> otherInstitution = subscribe(
                new FindPrescriptionsByInstitution(InstitutionId.of("HOSP-OTHER")));

        handle(message(releasedByA(id), 2));

        PrescriptionView released = repository.load(id).orElseThrow();
        assertThat(formerHolder).containsExactly(released);
        assertThat(institution).containsExactly(released);
        assertThat(otherPharmacy).isEmpty();
        assertThat(otherInstitution).isEmpty();
    }

    /**
     * Issued, accepted by pharmacy A, dispensed by it at {@link PrescriptionFixtures#T} and completed: A no longer
     * holds it, but its view shows it under "dispensed today".
     */
    private PrescriptionId completedByA() throws Exception {
        PrescriptionIssued issued = issued(PrescriptionId.random(), 0);
        PrescriptionId id = issued.prescriptionId();
        handleInOrder(issued, acceptedByA(id, T), new PrescriptionDispensed(id, PHARMACY_A, PHARMACIST, 1,
                List.of(item(1, "28", 28)), true, T, LocalDate.ofInstant(T, ZoneOffset.UTC), null, List.of()),
                new PrescriptionCompleted(id, T));
        assertThat(repository.load(id).orElseThrow().pharmacyId()).isNull();
        return id;
    }

    /** The check a dispensing records after the dispensing and the completion, as its fourth event. */
    private static EventMessage<?> dispensingCheck(PrescriptionId id) {
        return message(new InteractionCheckCompleted(id, PATIENT, HOSPITAL, DOCTOR, CheckTrigger.DISPENSING,
                List.of(), List.of(), CATALOGUE.version(), T), 4);
    }

    @Test
    void aChangeAfterTheCompletionReachesThePharmacyThatDispensedItToday() throws Exception {
        PrescriptionId id = completedByA();
        List<PrescriptionView> dispenser = subscribe(new FindDispensingView(PHARMACY_A, T));
        List<PrescriptionView> otherPharmacy = subscribe(new FindDispensingView(PHARMACY_B, T));

        // the dispensing's check, reaching the projection in a batch after the completion's
        handle(dispensingCheck(id));

        PrescriptionView checked = repository.load(id).orElseThrow();
        assertThat(checked.version()).isEqualTo(4);
        assertThat(dispenser).containsExactly(checked);
        assertThat(otherPharmacy).isEmpty();
    }

    @Test
    void aChangeAfterTheCompletionDoesNotReachAPharmacyThatDispensedItOnAnEarlierDay() throws Exception {
        PrescriptionId id = completedByA();
        updates = new PrescriptionViewUpdates(repository, ViewChangeAnnouncer.NONE,
                Clock.offset(CLOCK, Duration.ofDays(1)));
        projection = new AnnotationEventHandlerAdapter(new PrescriptionViewProjection(repository, CATALOGUE, updates));
        List<PrescriptionView> dispenser = subscribe(new FindDispensingView(PHARMACY_A, T.plus(Duration.ofDays(1))));
        List<PrescriptionView> institution = subscribe(new FindPrescriptionsByInstitution(HOSPITAL));

        handle(dispensingCheck(id));

        assertThat(institution).hasSize(1);
        assertThat(dispenser).isEmpty();
    }

    @Test
    void nothingReachesPharmaciesAndInstitutionsTheChangeDoesNotConcern() throws Exception {
        PrescriptionIssued issued = issued(PrescriptionId.random(), 0);
        List<PrescriptionView> otherPharmacy = subscribe(new FindDispensingView(PHARMACY_B, T));
        List<PrescriptionView> otherInstitution = subscribe(new FindPrescriptionsByInstitution(InstitutionId.of("X")));

        handleInOrder(issued, acceptedByA(issued.prescriptionId(), T));

        assertThat(otherPharmacy).isEmpty();
        assertThat(otherInstitution).isEmpty();
    }

    @Test
    void theRowKeepsTheGlobalPositionOfTheLastEventAndWhenItsHolderAcceptedIt() throws Exception {
        PrescriptionIssued issued = issued(PrescriptionId.random(), 0);
        PrescriptionId id = issued.prescriptionId();
        Instant acceptedAt = T.plusSeconds(42);

        handle(tracked(issued, 0, 17));
        handle(tracked(new PrescriptionAccepted(id, PHARMACY_A, PHARMACIST, 1, acceptedAt), 1, 23));

        PrescriptionView view = repository.load(id).orElseThrow();
        assertThat(view.lastPosition()).isEqualTo(23);
        assertThat(view.heldSince()).isEqualTo(acceptedAt);
    }

    @Test
    void anEventReadAfterALaterOneKeepsItsOwnPositionNotItsTokens() throws Exception {
        PrescriptionIssued issued = issued(PrescriptionId.random(), 0);
        PrescriptionId id = issued.prescriptionId();
        handle(tracked(issued, 0, 17));

        // appended at 30, committed after the event at 31: its token tells 31, the store's engine tells 30
        handle(new LateEvent<>(new GlobalSequenceTrackingToken(31),
                message(new PrescriptionAccepted(id, PHARMACY_A, PHARMACIST, 1, T.plusSeconds(42)), 1), 30));

        assertThat(repository.load(id).orElseThrow().lastPosition()).isEqualTo(30);
    }

    private static final class LateEvent<T> extends GenericTrackedDomainEventMessage<T>
            implements StorePositions.Known {

        private final long position;

        LateEvent(TrackingToken token, DomainEventMessage<T> event, long position) {
            super(token, event);
            this.position = position;
        }

        @Override
        public long storePosition() {
            return position;
        }
    }
}

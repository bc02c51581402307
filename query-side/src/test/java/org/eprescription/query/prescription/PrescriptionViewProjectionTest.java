package org.eprescription.query.prescription;

import org.eprescription.query.testsupport.TestDatabase;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryMessage;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.PrescriptionStatus;
import org.eprescription.core.prescription.event.PrescriptionAccepted;
import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.eprescription.core.prescription.event.PrescriptionReleased;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.query.prescription.PrescriptionFixtures.CATALOGUE;
import static org.eprescription.query.prescription.PrescriptionFixtures.HOSPITAL;
import static org.eprescription.query.prescription.PrescriptionFixtures.PATIENT;
import static org.eprescription.query.prescription.PrescriptionFixtures.PHARMACIST;
import static org.eprescription.query.prescription.PrescriptionFixtures.PHARMACY_A;
import static org.eprescription.query.prescription.PrescriptionFixtures.PHARMACY_B;
import static org.eprescription.query.prescription.PrescriptionFixtures.issued;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The projection driven through Axon's annotation adapter (so {@code @SequenceNumber}, {@code @Timestamp} and
 * {@code ReplayStatus} are resolved as in the application) against a real PostgreSQL, with a mocked emitter.
 */
class PrescriptionViewProjectionTest {

    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

    private static TestDatabase database;
    private static PrescriptionViewRepository repository;

    private QueryUpdateEmitter emitter;
    private AnnotationEventHandlerAdapter projection;
    private PrescriptionViewQueries queries;

    @BeforeAll
    static void createDatabase() {
        database = new TestDatabase();
        repository = new PrescriptionViewRepository(database.jdbcClient(), TestDatabase.OBJECT_MAPPER);
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void setUp() {
        repository.deleteAll();
        emitter = mock(QueryUpdateEmitter.class);
        when(emitter.activeSubscriptions()).thenReturn(Set.of());
        projection = new AnnotationEventHandlerAdapter(new PrescriptionViewProjection(repository, CATALOGUE, emitter));
        queries = new PrescriptionViewQueries(repository);
    }

    private static GenericDomainEventMessage<PrescriptionEvent> message(PrescriptionEvent event, long sequence) {
        return new GenericDomainEventMessage<>("Prescription", event.prescriptionId().toString(), sequence, event,
                MetaData.emptyInstance(), "event-" + sequence + "-" + event.prescriptionId(), T.plusSeconds(sequence));
    }

    /** As a tracking processor delivers it after a reset: behind the position the reset was made at. */
    private static EventMessage<PrescriptionEvent> replayed(PrescriptionEvent event, long sequence) {
        return new GenericTrackedDomainEventMessage<>(ReplayToken.createReplayToken(
                new GlobalSequenceTrackingToken(1_000), new GlobalSequenceTrackingToken(sequence)),
                message(event, sequence));
    }

    private void handle(EventMessage<?> message) throws Exception {
        projection.handle(message);
    }

    private void subscribe(PrescriptionId id) {
        SubscriptionQueryMessage<?, ?, ?> subscription = new GenericSubscriptionQueryMessage<>(new FindPrescription(id),
                ResponseTypes.optionalInstanceOf(PrescriptionView.class), ResponseTypes.instanceOf(PrescriptionView.class));
        when(emitter.activeSubscriptions()).thenReturn(Set.of(subscription));
    }

    @Test
    void eventsBuildTheRowWithTheSequenceNumberAsVersionAndTheTimestampAsUpdatedAt() throws Exception {
        PrescriptionIssued issued = issued(PrescriptionId.random(), 1);
        PrescriptionId id = issued.prescriptionId();

        handle(message(issued, 0));
        handle(message(new PrescriptionAccepted(id, PHARMACY_A, PHARMACIST, 1, T), 1));

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
        handle(message(issued, 0));
        handle(message(new PrescriptionAccepted(id, PHARMACY_A, PHARMACIST, 1, T), 1));
        handle(message(new PrescriptionReleased(id, PHARMACY_A, 1, "patient left", T), 2));
        PrescriptionView afterRelease = repository.load(id).orElseThrow();

        // the whole batch again, as after a failed commit of the token
        handle(message(issued, 0));
        handle(message(new PrescriptionAccepted(id, PHARMACY_A, PHARMACIST, 1, T), 1));
        handle(message(new PrescriptionReleased(id, PHARMACY_A, 1, "patient left", T), 2));

        assertThat(repository.load(id)).contains(afterRelease);
        assertThat(afterRelease.status()).isEqualTo(PrescriptionStatus.ISSUED);
        assertThat(afterRelease.version()).isEqualTo(2);
    }

    @Test
    void aSubscriberOfThePrescriptionGetsTheNewViewThroughATightPredicate() throws Exception {
        PrescriptionIssued issued = issued(PrescriptionId.random(), 0);
        PrescriptionId id = issued.prescriptionId();
        handle(message(issued, 0));
        subscribe(id);

        handle(message(new PrescriptionAccepted(id, PHARMACY_A, PHARMACIST, 1, T), 1));

        @SuppressWarnings("unchecked")
        ArgumentCaptor<Predicate<FindPrescription>> filter = ArgumentCaptor.forClass(Predicate.class);
        ArgumentCaptor<PrescriptionView> update = ArgumentCaptor.forClass(PrescriptionView.class);
        verify(emitter).emit(eq(FindPrescription.class), filter.capture(), update.capture());
        assertThat(update.getValue()).isEqualTo(repository.load(id).orElseThrow());
        assertThat(filter.getValue().test(new FindPrescription(id))).isTrue();
        assertThat(filter.getValue().test(new FindPrescription(PrescriptionId.random()))).isFalse();
    }

    @Test
    void nothingIsEmittedWithoutASubscriptionForThatPrescription() throws Exception {
        subscribe(PrescriptionId.random());
        PrescriptionIssued issued = issued(PrescriptionId.random(), 0);

        handle(message(issued, 0));
        handle(message(new PrescriptionAccepted(issued.prescriptionId(), PHARMACY_A, PHARMACIST, 1, T), 1));

        verify(emitter, never()).emit(any(Class.class), any(Predicate.class), any(Object.class));
    }

    @Test
    void nothingIsEmittedWhileReplaying() throws Exception {
        PrescriptionIssued issued = issued(PrescriptionId.random(), 0);
        PrescriptionId id = issued.prescriptionId();
        subscribe(id);

        handle(replayed(issued, 0));
        handle(replayed(new PrescriptionAccepted(id, PHARMACY_A, PHARMACIST, 1, T), 1));

        assertThat(repository.load(id).orElseThrow().status()).isEqualTo(PrescriptionStatus.ACCEPTED);
        verify(emitter, never()).emit(any(Class.class), any(Predicate.class), any(Object.class));
    }

    @Test
    void aResetEmptiesTheViewSoAReplayRebuildsTheSameRows() throws Exception {
        PrescriptionIssued issued = issued(PrescriptionId.random(), 0);
        PrescriptionId id = issued.prescriptionId();
        handle(tracked(issued, 0, 0));
        handle(tracked(new PrescriptionAccepted(id, PHARMACY_A, PHARMACIST, 1, T), 1, 1));
        PrescriptionView live = repository.load(id).orElseThrow();

        projection.prepareReset();
        assertThat(repository.load(id)).isEmpty();

        handle(replayed(issued, 0));
        handle(replayed(new PrescriptionAccepted(id, PHARMACY_A, PHARMACIST, 1, T), 1));
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

    private void subscribeAll(Object... queries) {
        Set<SubscriptionQueryMessage<?, ?, ?>> subscriptions = new java.util.HashSet<>();
        for (Object query : queries) {
            subscriptions.add(new GenericSubscriptionQueryMessage<>(query,
                    ResponseTypes.instanceOf(Object.class), ResponseTypes.instanceOf(PrescriptionView.class)));
        }
        when(emitter.activeSubscriptions()).thenReturn(subscriptions);
    }

    @SuppressWarnings("unchecked")
    private <Q> Predicate<Q> emittedTo(Class<Q> queryType) {
        ArgumentCaptor<Predicate<Q>> filter = ArgumentCaptor.forClass(Predicate.class);
        verify(emitter).emit(eq(queryType), filter.capture(), any(PrescriptionView.class));
        return filter.getValue();
    }

    private static EventMessage<PrescriptionEvent> tracked(PrescriptionEvent event, long sequence, long position) {
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position),
                message(event, sequence));
    }

    @Test
    void aReleaseReachesThePharmacyThatHeldItAndTheInstitutionButNoOtherPharmacy() throws Exception {
        PrescriptionIssued issued = issued(PrescriptionId.random(), 0);
        PrescriptionId id = issued.prescriptionId();
        handle(message(issued, 0));
        handle(message(new PrescriptionAccepted(id, PHARMACY_A, PHARMACIST, 1, T), 1));
        Instant today = T.minusSeconds(3600);
        subscribeAll(new FindDispensingView(PHARMACY_A, today), new FindDispensingView(PHARMACY_B, today),
                new FindPrescriptionsByInstitution(HOSPITAL));

        handle(message(new PrescriptionReleased(id, PHARMACY_A, 1, "patient left", T), 2));

        Predicate<FindDispensingView> pharmacies = emittedTo(FindDispensingView.class);
        assertThat(pharmacies.test(new FindDispensingView(PHARMACY_A, today))).isTrue();
        assertThat(pharmacies.test(new FindDispensingView(PHARMACY_B, today))).isFalse();
        Predicate<FindPrescriptionsByInstitution> institutions = emittedTo(FindPrescriptionsByInstitution.class);
        assertThat(institutions.test(new FindPrescriptionsByInstitution(HOSPITAL))).isTrue();
        assertThat(institutions.test(new FindPrescriptionsByInstitution(InstitutionId.of("HOSP-OTHER")))).isFalse();
        verify(emitter, never()).emit(eq(FindPrescription.class), any(Predicate.class), any(Object.class));
    }

    @Test
    void nothingIsEmittedToPharmaciesTheChangeDoesNotConcern() throws Exception {
        PrescriptionIssued issued = issued(PrescriptionId.random(), 0);
        subscribeAll(new FindDispensingView(PHARMACY_B, T), new FindPrescriptionsByInstitution(InstitutionId.of("X")));

        handle(message(issued, 0));
        handle(message(new PrescriptionAccepted(issued.prescriptionId(), PHARMACY_A, PHARMACIST, 1, T), 1));

        verify(emitter, never()).emit(any(Class.class), any(Predicate.class), any(Object.class));
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
}

package org.eprescription.query.prescription;

import org.eprescription.query.alerts.query.CareParties;
import org.eprescription.query.alerts.query.DraftReads;
import org.eprescription.query.testsupport.TestDatabase;
import org.eprescription.core.code.CodeDerivation;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.DispensedItem;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.core.prescription.PrescribedLine;
import org.eprescription.core.prescription.PrescriberDetails;
import org.eprescription.core.prescription.PrescriptionStatus;
import org.eprescription.core.prescription.event.PrescriptionAccepted;
import org.eprescription.core.prescription.event.PrescriptionCancelled;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.eprescription.core.prescription.event.PrescriptionReleased;
import org.eprescription.core.prescription.event.PrescriptionCompleted;
import org.eprescription.core.prescription.event.CancellationRequested;
import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.eprescription.core.prescription.event.RefillScheduled;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_BRAND_A;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_GENERIC_C;
import static org.eprescription.query.prescription.PrescriptionFixtures.BIRTH_DATE;
import static org.eprescription.query.prescription.PrescriptionFixtures.VALID_UNTIL;
import static org.eprescription.query.prescription.PrescriptionFixtures.CATALOGUE;
import static org.eprescription.query.prescription.PrescriptionFixtures.DOCTOR;
import static org.eprescription.query.prescription.PrescriptionFixtures.HOSPITAL;
import static org.eprescription.query.prescription.PrescriptionFixtures.PATIENT;
import static org.eprescription.query.prescription.PrescriptionFixtures.PHARMACIST;
import static org.eprescription.query.prescription.PrescriptionFixtures.PHARMACY_A;
import static org.eprescription.query.prescription.PrescriptionFixtures.PHARMACY_B;
import static org.eprescription.query.prescription.PrescriptionFixtures.acceptedByA;
import static org.eprescription.query.prescription.PrescriptionFixtures.issued;
import static org.eprescription.query.prescription.PrescriptionFixtures.item;

/** The repository's SQL against a real PostgreSQL 15 with the real migrations. */
class PrescriptionViewRepositoryIT {

    private static final Instant T = Instant.parse("2026-11-30T10:00:00.123456Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 10);

    @AutoClose
    private static final TestDatabase database = new TestDatabase();
    private static final PrescriptionViewRepository repository =
            new PrescriptionViewRepository(database.jdbcClient(), TestDatabase.OBJECT_MAPPER, CATALOGUE);
    private static final DraftReads DRAFT_READS = new DraftReads(database.jdbcClient());
    private final PrescriptionViewEvolver evolver = new PrescriptionViewEvolver(CATALOGUE);

    @BeforeEach
    void emptyTheView() {
        database.jdbcClient().sql("delete from prescription_view").update();
    }

    private PrescriptionView play(PrescriptionEvent... events) {
        PrescriptionView view = null;
        for (int sequence = 0; sequence < events.length; sequence++) {
            view = evolver.evolve(view, events[sequence], sequence, T.plusSeconds(sequence));
        }
        return view;
    }

    private PrescriptionView store(PrescriptionIssued issued, PrescriptionEvent... more) {
        PrescriptionEvent[] events = new PrescriptionEvent[more.length + 1];
        events[0] = issued;
        System.arraycopy(more, 0, events, 1, more.length);
        PrescriptionView view = play(events);
        assertThat(repository.save(view, IssuedCode.of(issued))).isTrue();
        return view;
    }

    private static PrescriptionIssued issuedFor(PatientId patient, InstitutionId institution, Instant issuedAt,
                                                LocalDate validUntil) {
        PrescriptionId id = PrescriptionId.random();
        return issued(id, 1, patient, institution, "hash-" + id, issuedAt, validUntil);
    }

    @Test
    void aJustIssuedViewRoundTripsWithItsNullFields() {
        PrescriptionIssued issued = issued(PrescriptionId.random(), 2);
        PrescriptionView view = store(issued);

        assertThat(view.pharmacyId()).isNull();
        assertThat(view.refillWindow()).isNull();
        assertThat(repository.load(issued.prescriptionId())).contains(view);
    }

    @Test
    void aViewWithDispensingsAndARefillWindowRoundTripsThroughJsonb() {
        PrescriptionId id = PrescriptionId.random();
        LocalDate planned = LocalDate.of(2026, 12, 28);
        PrescriptionView view = store(issued(id, 2),
                acceptedByA(id, T),
                new PrescriptionDispensed(id, PHARMACY_A, PHARMACIST, 1,
                        List.of(item(1, "14.50", 14), new DispensedItem(1, AMLODIPINE_GENERIC_C, new BigDecimal("13.5"), 14),
                                item(2, "2.5", 14)), true, Instant.parse("2026-11-30T10:00:00.123456789Z"), java.time.LocalDate.ofInstant(Instant.parse("2026-11-30T10:00:00.123456789Z"), java.time.ZoneOffset.UTC), null, List.of()),
                new RefillScheduled(id, 2, planned, planned.minusDays(7), planned.plusDays(7), T, 28),
                new PrescriptionAccepted(id, PHARMACY_A, PHARMACIST, 2, T),
                new PrescriptionDispensed(id, PHARMACY_A, PHARMACIST, 2, List.of(item(1, "7", 7)), false, T, java.time.LocalDate.ofInstant(T, java.time.ZoneOffset.UTC), null, List.of()));

        PrescriptionView loaded = repository.load(id).orElseThrow();

        assertThat(loaded).isEqualTo(view);
        assertThat(loaded.dispensings()).hasSize(2);
        assertThat(loaded.dispensings().get(0).items().get(1).drugCode()).isEqualTo(AMLODIPINE_GENERIC_C);
        assertThat(loaded.dispensings().get(0).dispensedAt()).isEqualTo(Instant.parse("2026-11-30T10:00:00.123456789Z"));
        assertThat(loaded.lines().get(0).dispensedQuantity()).isEqualTo(new BigDecimal("7"));
        assertThat(loaded.refillWindow()).isEqualTo(new RefillWindow(2, planned, planned.minusDays(7), planned.plusDays(7)));
        assertThat(loaded.pharmacyId()).isEqualTo(PHARMACY_A);
    }

    @Test
    void aCancellationRequestAndHowItEndedRoundTrip() {
        PrescriptionId pending = PrescriptionId.random();
        PrescriptionId lapsed = PrescriptionId.random();
        PrescriptionView pendingView = store(issued(pending, 1),
                new PrescriptionAccepted(pending, PHARMACY_A, PHARMACIST, 1, T),
                new CancellationRequested(pending, HOSPITAL, DOCTOR, PHARMACY_A, "wrong dose", T));
        PrescriptionView lapsedView = store(issued(lapsed, 0),
                new PrescriptionAccepted(lapsed, PHARMACY_A, PHARMACIST, 1, T),
                new CancellationRequested(lapsed, HOSPITAL, DOCTOR, PHARMACY_A, "wrong dose", T),
                new PrescriptionDispensed(lapsed, PHARMACY_A, PHARMACIST, 1, List.of(item(1, "28", 28)), true,
                        Instant.parse("2026-11-30T11:00:00.123456Z"), java.time.LocalDate.ofInstant(Instant.parse("2026-11-30T11:00:00.123456Z"), java.time.ZoneOffset.UTC), null, List.of()),
                new PrescriptionCompleted(lapsed, T));

        assertThat(repository.load(pending)).contains(pendingView);
        assertThat(repository.load(lapsed)).contains(lapsedView);
        assertThat(lapsedView.cancellationRequest()).isEqualTo(new CancellationRequest(T,
                CancellationRequest.Outcome.LAPSED, Instant.parse("2026-11-30T11:00:00.123456Z")));
    }

    @Test
    void linesAndDispensingsAreStoredAsJsonWithIsoDates() {
        PrescriptionId id = PrescriptionId.random();
        store(issued(id, 0), acceptedByA(id, T),
                new PrescriptionDispensed(id, PHARMACY_A, PHARMACIST, 1, List.of(item(1, "28", 28)), true, T, java.time.LocalDate.ofInstant(T, java.time.ZoneOffset.UTC), null, List.of()));

        Map<String, Object> row = database.jdbcClient()
                .sql("select jsonb_typeof(lines) as lines_type, dispensings -> 0 ->> 'dispensedAt' as dispensed_at, "
                        + "lines -> 0 ->> 'drugCode' as drug_code from prescription_view where prescription_id = :id")
                .param("id", id.value())
                .query().singleRow();

        assertThat(row).containsEntry("lines_type", "array")
                .containsEntry("dispensed_at", "2026-11-30T10:00:00.123456Z")
                .containsEntry("drug_code", "2171022F1021");
    }

    @Test
    void saveReplacesTheRowWithANewerVersionButNeverWithAnOlderOne() {
        PrescriptionId id = PrescriptionId.random();
        PrescriptionIssued issued = issued(id, 0);
        PrescriptionView first = store(issued);
        PrescriptionView accepted = evolver.evolve(first, acceptedByA(id, T), 1, T);

        assertThat(repository.save(accepted, null)).isTrue();
        assertThat(repository.save(first, IssuedCode.of(issued))).isFalse();
        assertThat(repository.save(accepted, null)).isFalse();

        assertThat(repository.load(id)).contains(accepted);
        assertThat(repository.findByExchangeCodeHash(issued.exchangeCodeHash())).contains(accepted);
    }

    @Test
    void thePatientsListKeepsHowTheCodeWasDerivedAndGivesItOnlyWhileThePrescriptionWaitsForAPharmacy() {
        PatientId patient = PatientId.of("PAT-CODES-" + System.nanoTime());
        PrescriptionId openId = PrescriptionId.random();
        PrescriptionIssued open = new PrescriptionIssued(openId, new PatientDetails(patient, BIRTH_DATE, null),
                new PrescriberDetails(DOCTOR, HOSPITAL), List.of(new PrescribedLine(1, AMLODIPINE_BRAND_A,
                new BigDecimal("28"), "tablet", "1 tablet once daily", 28)), 1, VALID_UNTIL, "hash-" + openId,
                "k2", 3, List.of(), T, java.time.LocalDate.ofInstant(T, java.time.ZoneOffset.UTC));
        PrescriptionView issuedView = store(open);
        PrescriptionIssued held = issuedFor(patient, HOSPITAL, T.minusSeconds(60), VALID_UNTIL);
        store(held, new PrescriptionAccepted(held.prescriptionId(), PHARMACY_A, PHARMACIST, 1, T));

        assertThat(repository.findForPatient(patient)).containsExactly(
                new PatientPrescription(issuedView, new CodeDerivation("k2", 3)),
                new PatientPrescription(repository.load(held.prescriptionId()).orElseThrow(), null));

        PrescriptionView accepted = evolver.evolve(issuedView, new PrescriptionAccepted(openId, PHARMACY_A,
                PHARMACIST, 1, T), 1, T);
        repository.save(accepted, null);
        PrescriptionView released = evolver.evolve(accepted, new PrescriptionReleased(openId, PHARMACY_A, 1,
                "patient did not come", T), 2, T);
        repository.save(released, null);
        assertThat(repository.findForPatient(patient).get(0).openCode())
                .as("events after the issue keep the derivation").isEqualTo(new CodeDerivation("k2", 3));
    }

    @Test
    void aRowCannotBeCreatedWithoutItsExchangeCodeHash() {
        PrescriptionView view = play(issued(PrescriptionId.random(), 0));

        assertThatThrownBy(() -> repository.save(view, null)).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aCareRelationshipIsAPrescriptionOfThePatientIssuedHeldOrDispensedByTheCaller() {
        PatientId patient = PatientId.of("PAT-CARE-" + System.nanoTime());
        InstitutionId clinic = InstitutionId.of("CLINIC-CARE");
        PrescriptionIssued held = issuedFor(patient, clinic, T, TODAY);
        store(held, new PrescriptionAccepted(held.prescriptionId(), PHARMACY_A, PHARMACIST, 1, T));
        PrescriptionIssued dispensed = issuedFor(patient, clinic, T, TODAY);
        store(dispensed, new PrescriptionAccepted(dispensed.prescriptionId(), PHARMACY_B, PHARMACIST, 1, T),
                new PrescriptionDispensed(dispensed.prescriptionId(), PHARMACY_B, PHARMACIST, 1,
                        List.of(item(1, "28", 28)), true, T, java.time.LocalDate.ofInstant(T, java.time.ZoneOffset.UTC), null, List.of()));

        assertThat(caresFor(patient, clinic, null)).as("the issuing institution").isTrue();
        assertThat(caresFor(patient, null, PHARMACY_A)).as("the holding pharmacy").isTrue();
        assertThat(caresFor(patient, null, PHARMACY_B)).as("a pharmacy that dispensed").isTrue();
        assertThat(caresFor(patient, InstitutionId.of("CLINIC-OTHER"), null)).isFalse();
        assertThat(caresFor(patient, null, PharmacyId.of("PH-OTHER"))).isFalse();
        assertThat(caresFor(PatientId.of("PAT-NOBODY"), clinic, PHARMACY_A)).isFalse();
    }

    /** The care relationship as a draft check reads it ({@link DraftReads}), beside the patient's courses. */
    private static boolean caresFor(PatientId patient, InstitutionId institution, PharmacyId pharmacy) {
        return DRAFT_READS.read(patient, java.time.LocalDate.of(2000, 1, 1), new CareParties(institution, pharmacy))
                .careRelationship();
    }

    @Test
    void loadAnswersNothingForAnUnknownPrescription() {
        assertThat(repository.load(PrescriptionId.random())).isEmpty();
        assertThat(repository.findByExchangeCodeHash("no-such-hash")).isEmpty();
    }

    @Test
    void findsAPrescriptionByTheHashOfItsExchangeCode() {
        PrescriptionIssued wanted = issued(PrescriptionId.random(), 0);
        PrescriptionView view = store(wanted);
        store(issued(PrescriptionId.random(), 0));

        assertThat(repository.findByExchangeCodeHash(wanted.exchangeCodeHash())).contains(view);
    }

    @Test
    void aCodeHandedOutAgainAfterItsPrescriptionEndedFindsTheLiveHolder() {
        PrescriptionId endedId = PrescriptionId.random();
        PrescriptionIssued ended = issued(endedId, 0, PATIENT, HOSPITAL, "shared-hash", T.plusSeconds(60), TODAY);
        store(ended, new PrescriptionCancelled(endedId, HOSPITAL, DOCTOR, "wrong drug", T.plusSeconds(61)));
        PrescriptionIssued live = issued(PrescriptionId.random(), 0, PATIENT, HOSPITAL, "shared-hash", T, TODAY);
        PrescriptionView liveView = store(live);

        assertThat(repository.findExchangeCodeHolder(List.of("hash-under-k2", "shared-hash")))
                .contains(new ExchangeCodeHolder(liveView, "shared-hash"));
        assertThat(repository.findByExchangeCodeHash("shared-hash")).contains(liveView);
        assertThat(repository.findExchangeCodeHolder(List.of("hash-under-k2"))).isEmpty();
    }

    @Test
    void findsAnInstitutionsPrescriptionsNewestFirstUpToTheLimit() {
        InstitutionId clinic = InstitutionId.of("CLINIC-9");
        PrescriptionView oldest = store(issuedFor(PATIENT, clinic, T.minusSeconds(300), TODAY));
        PrescriptionView newest = store(issuedFor(PATIENT, clinic, T, TODAY));
        PrescriptionView middle = store(issuedFor(PATIENT, clinic, T.minusSeconds(60), TODAY));
        store(issuedFor(PATIENT, HOSPITAL, T.plusSeconds(60), TODAY));

        assertThat(repository.findByInstitution(clinic, 500)).containsExactly(newest, middle, oldest);
        assertThat(repository.findByInstitution(clinic, 2)).containsExactly(newest, middle);
        assertThat(repository.findByInstitution(InstitutionId.of("NOBODY"), 500)).isEmpty();
    }

    @Test
    void findsAPatientsPrescriptionsNewestFirstAcrossInstitutions() {
        PatientId patient = PatientId.of("PAT-0042");
        PrescriptionView older = store(issuedFor(patient, HOSPITAL, T.minusSeconds(3600), TODAY));
        PrescriptionView newer = store(issuedFor(patient, InstitutionId.of("CLINIC-9"), T, TODAY));
        store(issuedFor(PATIENT, HOSPITAL, T.plusSeconds(60), TODAY));

        assertThat(repository.findByPatient(patient)).containsExactly(newer, older);
    }

    @Test
    void expiryCandidatesAreWaitingPrescriptionsWhoseDeadlineIsBeforeToday() {
        PrescriptionIssued expiredYesterday = issuedFor(PATIENT, HOSPITAL, T, TODAY.minusDays(1));
        PrescriptionIssued expiredLongAgo = issuedFor(PATIENT, HOSPITAL, T, TODAY.minusDays(5));
        PrescriptionIssued validToday = issuedFor(PATIENT, HOSPITAL, T, TODAY);
        PrescriptionIssued validTomorrow = issuedFor(PATIENT, HOSPITAL, T, TODAY.plusDays(1));
        PrescriptionIssued heldPastValidity = issuedFor(PATIENT, HOSPITAL, T, TODAY.minusDays(3));
        PrescriptionIssued cancelledPastValidity = issuedFor(PATIENT, HOSPITAL, T, TODAY.minusDays(3));
        PrescriptionIssued refillWindowClosed = issuedFor(PATIENT, HOSPITAL, T, TODAY.minusDays(30));
        PrescriptionIssued refillWindowOpen = issuedFor(PATIENT, HOSPITAL, T, TODAY.minusDays(30));
        store(expiredYesterday);
        store(expiredLongAgo);
        store(validToday);
        store(validTomorrow);
        store(heldPastValidity, accepted(heldPastValidity));
        store(cancelledPastValidity, new PrescriptionCancelled(cancelledPastValidity.prescriptionId(), HOSPITAL,
                DOCTOR, "duplicate", T));
        store(refillWindowClosed, awaitingRefillClosingOn(refillWindowClosed, TODAY.minusDays(2)));
        store(refillWindowOpen, awaitingRefillClosingOn(refillWindowOpen, TODAY));

        assertThat(repository.findExpiryCandidates(TODAY, 100)).containsExactly(
                expiredLongAgo.prescriptionId(), refillWindowClosed.prescriptionId(),
                expiredYesterday.prescriptionId());
        assertThat(repository.findExpiryCandidates(TODAY, 1)).containsExactly(expiredLongAgo.prescriptionId());
        // page after page, so that candidates the aggregate does not expire never hold the later ones back
        ExpiryCandidates first = repository.findExpiryCandidates(TODAY, 2, null);
        ExpiryCandidates second = repository.findExpiryCandidates(TODAY, 2, first.next());
        assertThat(first.prescriptionIds()).containsExactly(expiredLongAgo.prescriptionId(),
                refillWindowClosed.prescriptionId());
        assertThat(second.prescriptionIds()).containsExactly(expiredYesterday.prescriptionId());
        assertThat(second.next()).as("the last page").isNull();
    }

    @Test
    void theExpiryDeadlineFollowsTheStatus() {
        PrescriptionIssued issued = issuedFor(PATIENT, HOSPITAL, T, TODAY);
        PrescriptionView view = store(issued, awaitingRefillClosingOn(issued, TODAY.plusDays(20)));

        assertThat(view.status()).isEqualTo(PrescriptionStatus.AWAITING_REFILL);
        assertThat(deadlineOf(issued)).isEqualTo(TODAY.plusDays(20));
        PrescriptionView held = evolver.evolve(view, new PrescriptionAccepted(issued.prescriptionId(), PHARMACY_A,
                PHARMACIST, 2, T), view.version() + 1, T);
        repository.save(held, null);
        assertThat(deadlineOf(issued)).isNull();
    }

    private LocalDate deadlineOf(PrescriptionIssued issued) {
        return database.jdbcClient().sql("select expires_after from prescription_view where prescription_id = :id")
                .param("id", issued.prescriptionId().value())
                .query((rs, rowNum) -> rs.getObject("expires_after", LocalDate.class))
                .list().get(0);
    }

    private static PrescriptionAccepted accepted(PrescriptionIssued issued) {
        return new PrescriptionAccepted(issued.prescriptionId(), PHARMACY_A, PHARMACIST, 1, T);
    }

    private static PrescriptionEvent[] awaitingRefillClosingOn(PrescriptionIssued issued, LocalDate closes) {
        PrescriptionId id = issued.prescriptionId();
        LocalDate planned = closes.minusDays(7);
        return new PrescriptionEvent[] {
                accepted(issued),
                new PrescriptionDispensed(id, PHARMACY_A, PHARMACIST, 1, List.of(item(1, "28", 28)), true, T, java.time.LocalDate.ofInstant(T, java.time.ZoneOffset.UTC), null, List.of()),
                new RefillScheduled(id, 2, planned, planned.minusDays(7), closes, T, 28)};
    }

    @Test
    void aPharmacySeesWhatItHoldsAndWhatItDispensedSinceTheStartOfItsDay() {
        Instant morning = Instant.parse("2026-11-30T00:00:00Z");
        PrescriptionId held = PrescriptionId.random();
        PrescriptionId dispensedToday = PrescriptionId.random();
        PrescriptionId dispensedYesterday = PrescriptionId.random();
        PrescriptionId heldElsewhere = PrescriptionId.random();
        store(issued(held, 0), new PrescriptionAccepted(held, PHARMACY_A, PHARMACIST, 1, T),
                new CancellationRequested(held, HOSPITAL, DOCTOR, PHARMACY_A, "changed my mind", T));
        store(issued(dispensedToday, 0), new PrescriptionAccepted(dispensedToday, PHARMACY_A, PHARMACIST, 1, T),
                new PrescriptionDispensed(dispensedToday, PHARMACY_A, PHARMACIST, 1, List.of(item(1, "28", 28)), true,
                        morning.plusSeconds(3600), java.time.LocalDate.ofInstant(morning.plusSeconds(3600), java.time.ZoneOffset.UTC), null, List.of()),
                new PrescriptionCompleted(dispensedToday, T));
        store(issued(dispensedYesterday, 0),
                new PrescriptionAccepted(dispensedYesterday, PHARMACY_A, PHARMACIST, 1, T),
                new PrescriptionDispensed(dispensedYesterday, PHARMACY_A, PHARMACIST, 1, List.of(item(1, "28", 28)),
                        true, morning.minusSeconds(1), java.time.LocalDate.ofInstant(morning.minusSeconds(1), java.time.ZoneOffset.UTC), null, List.of()),
                new PrescriptionCompleted(dispensedYesterday, T));
        store(issued(heldElsewhere, 0), new PrescriptionAccepted(heldElsewhere, PHARMACY_B, PHARMACIST, 1, T));

        assertThat(repository.findHeldBy(PHARMACY_A)).extracting(PrescriptionView::prescriptionId).containsExactly(held);
        assertThat(repository.findHeldBy(PHARMACY_A).get(0).cancellationRequested()).isTrue();
        assertThat(repository.findDispensedBySince(PHARMACY_A, morning)).extracting(PrescriptionView::prescriptionId)
                .containsExactly(dispensedToday);
        assertThat(repository.findDispensedBySince(PHARMACY_B, morning)).isEmpty();
    }

    @Test
    void stuckPrescriptionsAreThoseHeldSinceBeforeTheCutoffWithNoDispensingSince() {
        Instant cutoff = Instant.parse("2026-11-28T00:00:00Z");
        Instant before = cutoff.minusSeconds(3600);
        Instant after = cutoff.plusSeconds(3600);
        PrescriptionId stuck = PrescriptionId.random();
        PrescriptionId dispensedSince = PrescriptionId.random();
        PrescriptionId acceptedAfterCutoff = PrescriptionId.random();
        PrescriptionId released = PrescriptionId.random();
        store(issued(stuck, 0), new PrescriptionAccepted(stuck, PHARMACY_A, PHARMACIST, 1, before));
        store(issued(dispensedSince, 0), new PrescriptionAccepted(dispensedSince, PHARMACY_A, PHARMACIST, 1, before),
                new PrescriptionDispensed(dispensedSince, PHARMACY_A, PHARMACIST, 1, List.of(item(1, "7", 7)), false,
                        after, java.time.LocalDate.ofInstant(after, java.time.ZoneOffset.UTC), null, List.of()));
        store(issued(acceptedAfterCutoff, 0),
                new PrescriptionAccepted(acceptedAfterCutoff, PHARMACY_B, PHARMACIST, 1, after));
        store(issued(released, 0), new PrescriptionAccepted(released, PHARMACY_A, PHARMACIST, 1, before),
                new PrescriptionReleased(released, PHARMACY_A, 1, "patient left", after));

        List<PrescriptionView> found = repository.findHeldWithoutDispensingSince(cutoff, 10);

        assertThat(found).extracting(PrescriptionView::prescriptionId).containsExactly(stuck);
        assertThat(found.get(0).heldSince()).isEqualTo(before);
        assertThat(repository.load(released).orElseThrow().heldSince()).isNull();
        assertThat(repository.load(dispensedSince).orElseThrow().lastDispensedAt()).isEqualTo(after);
    }
}

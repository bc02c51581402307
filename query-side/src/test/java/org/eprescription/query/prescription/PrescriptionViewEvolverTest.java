package org.eprescription.query.prescription;

import org.eprescription.core.catalogue.CatalogueCsvLoader;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.DispensedItem;
import org.eprescription.core.prescription.LineQuantity;
import org.eprescription.core.ids.Party;
import org.eprescription.core.prescription.PrescriptionStatus;
import org.eprescription.core.prescription.event.AlertAcknowledged;
import org.eprescription.core.prescription.event.CancellationRequested;
import org.eprescription.core.prescription.event.PrescriptionAccepted;
import org.eprescription.core.prescription.event.PrescriptionCancelled;
import org.eprescription.core.prescription.event.PrescriptionCompleted;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.eprescription.core.prescription.event.PrescriptionExpired;
import org.eprescription.core.prescription.event.PrescriptionReleased;
import org.eprescription.core.prescription.event.RefillScheduled;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_BRAND_A;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_GENERIC_C;
import static org.eprescription.query.prescription.PrescriptionFixtures.BIRTH_DATE;
import static org.eprescription.query.prescription.PrescriptionFixtures.CATALOGUE;
import static org.eprescription.query.prescription.PrescriptionFixtures.DOCTOR;
import static org.eprescription.query.prescription.PrescriptionFixtures.HOSPITAL;
import static org.eprescription.query.prescription.PrescriptionFixtures.ISSUED_AT;
import static org.eprescription.query.prescription.PrescriptionFixtures.PATIENT;
import static org.eprescription.query.prescription.PrescriptionFixtures.PHARMACIST;
import static org.eprescription.query.prescription.PrescriptionFixtures.PHARMACY_A;
import static org.eprescription.query.prescription.PrescriptionFixtures.PHARMACY_B;
import static org.eprescription.query.prescription.PrescriptionFixtures.VALID_UNTIL;
import static org.eprescription.query.prescription.PrescriptionFixtures.T;
import static org.eprescription.query.prescription.PrescriptionFixtures.issued;
import static org.eprescription.query.prescription.PrescriptionFixtures.item;
import static org.eprescription.query.prescription.PrescriptionFixtures.releasedByA;

class PrescriptionViewEvolverTest {

    private static final PrescriptionId ID = PrescriptionId.of("8d5c0f3e-6c1a-4f7e-9a57-3f0c2b9b1e11");
    private static final LocalDate PLANNED = LocalDate.of(2026, 12, 28);

    private final PrescriptionViewEvolver evolver = new PrescriptionViewEvolver(CATALOGUE);

    /** Applies events in order, numbering them from the sequence after the view's version. */
    private PrescriptionView given(PrescriptionView view, PrescriptionEvent... events) {
        long sequence = view == null ? 0 : view.version() + 1;
        for (PrescriptionEvent event : events) {
            view = evolver.evolve(view, event, sequence, T.plusSeconds(sequence));
            sequence++;
        }
        return view;
    }

    private PrescriptionView issuedView(int refills) {
        return given(null, issued(ID, refills));
    }

    private static PrescriptionAccepted accepted(int use) {
        return new PrescriptionAccepted(ID, PHARMACY_A, PHARMACIST, use, T);
    }

    private static PrescriptionDispensed dispensed(int use, boolean completesUse, DispensedItem... items) {
        return new PrescriptionDispensed(ID, PHARMACY_A, PHARMACIST, use, List.of(items), completesUse, T, java.time.LocalDate.ofInstant(T, java.time.ZoneOffset.UTC), null, List.of());
    }

    private static RefillScheduled refill(int use) {
        return new RefillScheduled(ID, use, PLANNED, PLANNED.minusDays(7), PLANNED.plusDays(7), T, 28);
    }

    /** The institution's request to cancel for a wrong dose, while pharmacy A holds use 1. */
    private static CancellationRequested cancellationRequested(Instant at) {
        return new CancellationRequested(ID, HOSPITAL, DOCTOR, PHARMACY_A, "wrong dose", at);
    }

    /** Pharmacy A's release of use 1 for the request. */
    private static PrescriptionReleased releasedOnRequest(Instant at) {
        return new PrescriptionReleased(ID, PHARMACY_A, 1, "cancellation requested", at);
    }

    /** The cancellation by the prescriber, at once or when the holding pharmacy releases it after a request. */
    private static PrescriptionCancelled cancelled(String reason, Instant at) {
        return new PrescriptionCancelled(ID, HOSPITAL, DOCTOR, reason, at);
    }

    @Test
    void aWindowRecordedBeforeTheDayAfterRuleOpensAsTheExchangeAcceptsIt() {
        LocalDate dispensedOn = PLANNED.minusDays(28);
        RefillScheduled recordedThen = new RefillScheduled(ID, 2, PLANNED, dispensedOn, PLANNED.plusDays(7), T, 28);

        PrescriptionView view = given(issuedView(1), accepted(1), dispensed(1, true, item(1, "28", 28)),
                recordedThen);

        assertThat(view.refillWindow().opens()).as("the day after the dispensing, as the aggregate decides")
                .isEqualTo(dispensedOn.plusDays(1));
        assertThat(view.refillWindow().closes()).isEqualTo(PLANNED.plusDays(7));
    }

    @Test
    void issueCreatesAnIssuedViewWithEveryLineAndNothingDispensed() {
        PrescriptionView view = issuedView(2);

        assertThat(view.prescriptionId()).isEqualTo(ID);
        assertThat(view.status()).isEqualTo(PrescriptionStatus.ISSUED);
        assertThat(view.patient().id()).isEqualTo(PATIENT);
        assertThat(view.patient().birthDate()).isEqualTo(BIRTH_DATE);
        assertThat(view.prescriber().id()).isEqualTo(DOCTOR);
        assertThat(view.prescriber().institutionId()).isEqualTo(HOSPITAL);
        assertThat(view.refills()).isEqualTo(2);
        assertThat(view.currentUse()).isEqualTo(1);
        assertThat(view.usesLeft()).isEqualTo(3);
        assertThat(view.validUntil()).isEqualTo(VALID_UNTIL);
        assertThat(view.pharmacyId()).isNull();
        assertThat(view.cancellationRequested()).isFalse();
        assertThat(view.refillWindow()).isNull();
        assertThat(view.dispensings()).isEmpty();
        assertThat(view.issuedAt()).isEqualTo(ISSUED_AT);
        assertThat(view.updatedAt()).isEqualTo(T);
        assertThat(view.version()).isZero();
        assertThat(view.lines()).extracting(ViewLine::lineNumber).containsExactly(1, 2);
        assertThat(view.lines()).extracting(ViewLine::dispensedQuantity)
                .containsExactly(BigDecimal.ZERO, BigDecimal.ZERO);
    }

    @Test
    void linesCarryTheCatalogueNameOrNullWhenTheCatalogueLacksTheDrug() {
        PrescriptionView view = issuedView(0);

        assertThat(view.lines().get(0).drugCode()).isEqualTo(AMLODIPINE_BRAND_A);
        assertThat(view.lines().get(0).drugName()).isEqualTo("Amlodipine 5 mg tablet (brand A)");
        assertThat(view.lines().get(0).drugNameJa()).isEqualTo("アムロジピン錠5mg（先発A）");
        assertThat(view.lines().get(0).quantity()).isEqualTo(new BigDecimal("28"));
        assertThat(view.lines().get(0).unit()).isEqualTo("tablet");
        assertThat(view.lines().get(0).dosage()).isEqualTo("1 tablet once daily after breakfast");
        assertThat(view.lines().get(0).days()).isEqualTo(28);
        assertThat(view.lines().get(1).drugName()).isNull();
        assertThat(view.lines().get(1).drugNameJa()).isNull();
    }

    @Test
    void acceptLocksTheViewForThePharmacy() {
        PrescriptionView view = given(issuedView(1), accepted(1));

        assertThat(view.status()).isEqualTo(PrescriptionStatus.ACCEPTED);
        assertThat(view.pharmacyId()).isEqualTo(PHARMACY_A);
        assertThat(view.usesLeft()).isEqualTo(2);
        assertThat(view.version()).isEqualTo(1);
        assertThat(view.updatedAt()).isEqualTo(T.plusSeconds(1));
    }

    @Test
    void releaseOnTheFirstUseReturnsToIssued() {
        PrescriptionView view = given(issuedView(1), accepted(1), releasedByA(ID));

        assertThat(view.status()).isEqualTo(PrescriptionStatus.ISSUED);
        assertThat(view.pharmacyId()).isNull();
        assertThat(view.version()).isEqualTo(2);
    }

    @Test
    void releaseOnARefillUseReturnsToAwaitingRefillWithItsWindow() {
        PrescriptionView view = given(issuedView(1), accepted(1), dispensed(1, true, item(1, "28", 28)), refill(2),
                accepted(2), new PrescriptionReleased(ID, PHARMACY_A, 2, "out of stock", T));

        assertThat(view.status()).isEqualTo(PrescriptionStatus.AWAITING_REFILL);
        assertThat(view.pharmacyId()).isNull();
        assertThat(view.currentUse()).isEqualTo(2);
        assertThat(view.refillWindow()).isEqualTo(new RefillWindow(2, PLANNED, PLANNED.minusDays(7), PLANNED.plusDays(7)));
        assertThat(view.usesLeft()).isEqualTo(1);
    }

    @Test
    void partialDispensingKeepsTheHoldAndCountsWhatWasDispensedPerLine() {
        PrescriptionView view = given(issuedView(1), accepted(1),
                dispensed(1, false, item(1, "14", 14)),
                dispensed(1, false, item(1, "7", 7), item(2, "2.5", 14)));

        assertThat(view.status()).isEqualTo(PrescriptionStatus.ACCEPTED);
        assertThat(view.pharmacyId()).isEqualTo(PHARMACY_A);
        assertThat(view.lines()).extracting(ViewLine::dispensedQuantity)
                .containsExactly(new BigDecimal("21"), new BigDecimal("2.5"));
        assertThat(view.dispensings()).hasSize(2);
        Dispensing second = view.dispensings().get(1);
        assertThat(second.use()).isEqualTo(1);
        assertThat(second.pharmacyId()).isEqualTo(PHARMACY_A);
        assertThat(second.pharmacistId()).isEqualTo(PHARMACIST);
        assertThat(second.items()).containsExactly(item(1, "7", 7), item(2, "2.5", 14));
        assertThat(second.completesUse()).isFalse();
        assertThat(second.dispensedAt()).isEqualTo(T);
        assertThat(view.usesLeft()).isEqualTo(2);
    }

    @Test
    void aSubstituteIsRecordedAsDispensedAgainstItsLine() {
        DispensedItem generic = new DispensedItem(1, AMLODIPINE_GENERIC_C, new BigDecimal("28"), 28);
        PrescriptionView view = given(issuedView(0), accepted(1), dispensed(1, false, generic));

        assertThat(view.lines().get(0).dispensedQuantity()).isEqualTo(new BigDecimal("28"));
        assertThat(view.dispensings().get(0).items()).containsExactly(generic);
    }

    @Test
    void whatADispensingCountsAsIsTakenFromTheEventWhateverTheCatalogueSaysNow() {
        // recorded when 2.5 mg counted as half a 5 mg tablet; a view evolved later, with a catalogue that no longer
        // knows the substitute's strength, must still show 10
        DispensedItem halfStrength = new DispensedItem(1, DrugCode.of("2171022F2028"), new BigDecimal("20"), 10);
        PrescriptionDispensed recorded = new PrescriptionDispensed(ID, PHARMACY_A, PHARMACIST, 1, List.of(halfStrength),
                false, T, java.time.LocalDate.ofInstant(T, java.time.ZoneOffset.UTC),
                List.of(new LineQuantity(1, new BigDecimal("10"))), List.of());
        PrescriptionView view = evolver.evolve(evolver.evolve(evolver.evolve(null, issued(ID, 0), 0, T), accepted(1),
                1, T), recorded, 2, T);

        assertThat(view.lines().get(0).dispensedQuantity()).isEqualTo(new BigDecimal("10"));
    }

    @Test
    void aSubstituteOfHalfTheStrengthCountsAsHalfAsManyUnitsOfThePrescribedDrug() {
        PrescriptionViewEvolver withStrengths = new PrescriptionViewEvolver(CatalogueCsvLoader.bundledSample());
        DispensedItem halfStrength = new DispensedItem(1, DrugCode.of("2171022F2028"), new BigDecimal("20"), 10);
        PrescriptionView view = withStrengths.evolve(withStrengths.evolve(withStrengths.evolve(null,
                issued(ID, 0), 0, T), accepted(1), 1, T), dispensed(1, false, halfStrength), 2, T);

        assertThat(view.lines().get(0).dispensedQuantity()).as("20 x 2.5 mg are 10 x 5 mg")
                .isEqualTo(new BigDecimal("10"));
        assertThat(view.dispensings().get(0).items()).containsExactly(halfStrength);
    }

    @Test
    void refillScheduledAwaitsTheNextUseInItsWindowWithQuantitiesReset() {
        PrescriptionView view = given(issuedView(2), accepted(1), dispensed(1, false, item(1, "14", 14)),
                dispensed(1, true, item(1, "14", 14)), refill(2));

        assertThat(view.status()).isEqualTo(PrescriptionStatus.AWAITING_REFILL);
        assertThat(view.currentUse()).isEqualTo(2);
        assertThat(view.pharmacyId()).isNull();
        assertThat(view.refillWindow()).isEqualTo(new RefillWindow(2, PLANNED, PLANNED.minusDays(7), PLANNED.plusDays(7)));
        assertThat(view.lines()).extracting(ViewLine::dispensedQuantity)
                .containsExactly(BigDecimal.ZERO, BigDecimal.ZERO);
        assertThat(view.dispensings()).hasSize(2);
        assertThat(view.dispensings().get(1).completesUse()).isTrue();
        assertThat(view.usesLeft()).isEqualTo(2);
        assertThat(view.version()).isEqualTo(4);
    }

    @Test
    void aRefillUseIsAcceptedDispensedAndCountedAsItsOwnUse() {
        PrescriptionView view = given(issuedView(2), accepted(1), dispensed(1, true, item(1, "28", 28)), refill(2),
                new PrescriptionAccepted(ID, PHARMACY_B, PHARMACIST, 2, T),
                new PrescriptionDispensed(ID, PHARMACY_B, PHARMACIST, 2, List.of(item(1, "10", 28)), false, T, java.time.LocalDate.ofInstant(T, java.time.ZoneOffset.UTC), null, List.of()));

        assertThat(view.status()).isEqualTo(PrescriptionStatus.ACCEPTED);
        assertThat(view.pharmacyId()).isEqualTo(PHARMACY_B);
        assertThat(view.currentUse()).isEqualTo(2);
        assertThat(view.usesLeft()).isEqualTo(2);
        assertThat(view.refillWindow().use()).isEqualTo(2);
        assertThat(view.lines().get(0).dispensedQuantity()).isEqualTo(new BigDecimal("10"));
        assertThat(view.dispensings()).extracting(Dispensing::use).containsExactly(1, 2);
        assertThat(view.dispensings()).extracting(Dispensing::pharmacyId).containsExactly(PHARMACY_A, PHARMACY_B);

        PrescriptionView third = given(view, dispensed(2, true, item(1, "18", 28)), refill(3));
        assertThat(third.currentUse()).isEqualTo(3);
        assertThat(third.usesLeft()).isEqualTo(1);
        assertThat(third.refillWindow().use()).isEqualTo(3);
    }

    @Test
    void theLastUseCompletesThePrescription() {
        PrescriptionView view = given(issuedView(1), accepted(1), dispensed(1, true, item(1, "28", 28)), refill(2),
                accepted(2), dispensed(2, true, item(1, "28", 28)), new PrescriptionCompleted(ID, T));

        assertThat(view.status()).isEqualTo(PrescriptionStatus.COMPLETED);
        assertThat(view.pharmacyId()).isNull();
        assertThat(view.refillWindow()).isNull();
        assertThat(view.usesLeft()).isZero();
        assertThat(view.currentUse()).isEqualTo(2);
        assertThat(view.dispensings()).hasSize(2);
    }

    @Test
    void aSingleUsePrescriptionCompletesOnItsFirstDispensing() {
        PrescriptionView view = given(issuedView(0), accepted(1), dispensed(1, true, item(1, "28", 28)),
                new PrescriptionCompleted(ID, T));

        assertThat(view.status()).isEqualTo(PrescriptionStatus.COMPLETED);
        assertThat(view.usesLeft()).isZero();
        assertThat(view.lines().get(0).dispensedQuantity()).isEqualTo(new BigDecimal("28"));
    }

    @Test
    void aCancellationRequestWhileHeldIsShownAndKeepsTheHold() {
        PrescriptionView view = given(issuedView(0), accepted(1), cancellationRequested(T));

        assertThat(view.cancellationRequested()).isTrue();
        assertThat(view.status()).isEqualTo(PrescriptionStatus.ACCEPTED);
        assertThat(view.pharmacyId()).isEqualTo(PHARMACY_A);
    }

    @Test
    void aCancellationRequestIsShownPendingWithWhenItWasMade() {
        PrescriptionView view = given(issuedView(0), accepted(1), cancellationRequested(T));

        assertThat(view.cancellationRequest())
                .isEqualTo(new CancellationRequest(T, CancellationRequest.Outcome.PENDING, null));
    }

    @Test
    void aPartialDispensingLeavesACancellationRequestPending() {
        PrescriptionView view = given(issuedView(0), accepted(1), cancellationRequested(T),
                dispensed(1, false, item(1, "7", 7)));

        assertThat(view.cancellationRequested()).isTrue();
        assertThat(view.cancellationRequest().outcome()).isEqualTo(CancellationRequest.Outcome.PENDING);
        assertThat(view.status()).isEqualTo(PrescriptionStatus.ACCEPTED);
    }

    @Test
    void aDispensingThatCompletesTheUseLetsACancellationRequestLapse() {
        Instant requestedAt = T.minusSeconds(60);
        PrescriptionView view = given(issuedView(1), accepted(1), cancellationRequested(requestedAt),
                dispensed(1, false, item(1, "7", 7)), dispensed(1, true, item(1, "21", 21)), refill(2));

        assertThat(view.cancellationRequested()).isFalse();
        assertThat(view.cancellationRequest())
                .isEqualTo(new CancellationRequest(requestedAt, CancellationRequest.Outcome.LAPSED, T));
        assertThat(view.status()).isEqualTo(PrescriptionStatus.AWAITING_REFILL);
    }

    @Test
    void aCancellationRightAfterTheCompletingDispensingShowsTheRequestCancelledNotLapsed() {
        // a use completed with refills left and a request pending: the prescription is cancelled after it
        Instant requestedAt = T.minusSeconds(60);
        PrescriptionView view = given(issuedView(2), accepted(1), cancellationRequested(requestedAt),
                dispensed(1, true, item(1, "28", 28)), cancelled("wrong dose", T));

        assertThat(view.status()).isEqualTo(PrescriptionStatus.CANCELLED);
        assertThat(view.cancellationRequested()).isFalse();
        assertThat(view.cancellationRequest())
                .isEqualTo(new CancellationRequest(requestedAt, CancellationRequest.Outcome.CANCELLED, T));
    }

    @Test
    void aLaterCancellationLeavesARequestThatLapsedEarlierLapsed() {
        Instant requestedAt = T.minusSeconds(60);
        PrescriptionView view = given(issuedView(1), accepted(1), cancellationRequested(requestedAt),
                dispensed(1, true, item(1, "28", 28)), refill(2), cancelled("duplicate", T.plusSeconds(3600)));

        assertThat(view.status()).isEqualTo(PrescriptionStatus.CANCELLED);
        assertThat(view.cancellationRequest())
                .isEqualTo(new CancellationRequest(requestedAt, CancellationRequest.Outcome.LAPSED, T));
    }

    @Test
    void aReleaseAfterAPartialDispensingCancelsAndTheRequestShowsCancelled() {
        Instant releasedAt = T.plusSeconds(60);
        PrescriptionView view = given(issuedView(0), accepted(1), cancellationRequested(T),
                dispensed(1, false, item(1, "7", 7)), releasedOnRequest(releasedAt),
                cancelled("wrong dose", releasedAt));

        assertThat(view.status()).isEqualTo(PrescriptionStatus.CANCELLED);
        assertThat(view.cancellationRequested()).isFalse();
        assertThat(view.cancellationRequest())
                .isEqualTo(new CancellationRequest(T, CancellationRequest.Outcome.CANCELLED, releasedAt));
    }

    @Test
    void aCancellationWithoutARequestShowsNoRequest() {
        PrescriptionView view = given(issuedView(0), cancelled("duplicate", T));

        assertThat(view.cancellationRequest()).isNull();
    }

    @Test
    void aRequestAfterALapsedOneIsShownPendingAgain() {
        Instant secondRequest = T.plusSeconds(3600);
        PrescriptionView view = given(issuedView(1), accepted(1), cancellationRequested(T),
                dispensed(1, true, item(1, "28", 28)), refill(2), accepted(2),
                new CancellationRequested(ID, HOSPITAL, DOCTOR, PHARMACY_A, "therapy changed", secondRequest));

        assertThat(view.cancellationRequest())
                .isEqualTo(new CancellationRequest(secondRequest, CancellationRequest.Outcome.PENDING, null));
    }

    @Test
    void releaseAfterACancellationRequestThenCancelEndsThePrescription() {
        PrescriptionView view = given(issuedView(0), accepted(1), cancellationRequested(T), releasedOnRequest(T),
                cancelled("wrong dose", T));

        assertThat(view.status()).isEqualTo(PrescriptionStatus.CANCELLED);
        assertThat(view.cancellationRequested()).isFalse();
        assertThat(view.pharmacyId()).isNull();
        assertThat(view.usesLeft()).isZero();
    }

    @Test
    void cancelWhileIssuedEndsThePrescription() {
        PrescriptionView view = given(issuedView(2), cancelled("duplicate", T));

        assertThat(view.status()).isEqualTo(PrescriptionStatus.CANCELLED);
        assertThat(view.usesLeft()).isZero();
        assertThat(view.version()).isEqualTo(1);
    }

    @Test
    void cancelWhileAwaitingARefillClearsTheWindow() {
        PrescriptionView view = given(issuedView(1), accepted(1), dispensed(1, true, item(1, "28", 28)), refill(2),
                cancelled("therapy changed", T));

        assertThat(view.status()).isEqualTo(PrescriptionStatus.CANCELLED);
        assertThat(view.refillWindow()).isNull();
        assertThat(view.usesLeft()).isZero();
        assertThat(view.dispensings()).hasSize(1);
    }

    @Test
    void expiryWhileIssuedIsFinal() {
        PrescriptionView view = given(issuedView(1), new PrescriptionExpired(ID, 1, T));

        assertThat(view.status()).isEqualTo(PrescriptionStatus.EXPIRED);
        assertThat(view.usesLeft()).isZero();
        assertThat(view.pharmacyId()).isNull();
    }

    @Test
    void expiryOfARefillWindowIsFinal() {
        PrescriptionView view = given(issuedView(2), accepted(1), dispensed(1, true, item(1, "28", 28)), refill(2),
                new PrescriptionExpired(ID, 2, T));

        assertThat(view.status()).isEqualTo(PrescriptionStatus.EXPIRED);
        assertThat(view.refillWindow()).isNull();
        assertThat(view.currentUse()).isEqualTo(2);
        assertThat(view.usesLeft()).isZero();
    }

    @Test
    void anAlertAcknowledgementOnlyMovesTheVersion() {
        PrescriptionView before = given(issuedView(0), accepted(1));
        PrescriptionView after = evolver.evolve(before, new AlertAcknowledged(ID, AlertId.of("alert-1"), "agreed",
                Party.pharmacist(PHARMACIST, PHARMACY_A), T, null), 2, T.plusSeconds(60));

        assertThat(after.version()).isEqualTo(2);
        assertThat(after).usingRecursiveComparison().ignoringFields("version").isEqualTo(before);
    }

    @Test
    void usesLeftCountsTheCurrentUseUntilThePrescriptionIsFinal() {
        assertThat(PrescriptionViewEvolver.usesLeft(PrescriptionStatus.ISSUED, 2, 1)).isEqualTo(3);
        assertThat(PrescriptionViewEvolver.usesLeft(PrescriptionStatus.ACCEPTED, 2, 1)).isEqualTo(3);
        assertThat(PrescriptionViewEvolver.usesLeft(PrescriptionStatus.AWAITING_REFILL, 2, 2)).isEqualTo(2);
        assertThat(PrescriptionViewEvolver.usesLeft(PrescriptionStatus.ACCEPTED, 2, 3)).isEqualTo(1);
        assertThat(PrescriptionViewEvolver.usesLeft(PrescriptionStatus.ISSUED, 0, 1)).isEqualTo(1);
        for (PrescriptionStatus status : List.of(PrescriptionStatus.COMPLETED, PrescriptionStatus.CANCELLED,
                PrescriptionStatus.EXPIRED)) {
            assertThat(PrescriptionViewEvolver.usesLeft(status, 2, 1)).isZero();
        }
    }

    @Test
    void anEventAlreadyAppliedLeavesTheViewAsItIs() {
        PrescriptionView view = given(issuedView(0), accepted(1));

        assertThat(evolver.evolve(view, new PrescriptionReleased(ID, PHARMACY_A, 1, "late duplicate", T), 1, T))
                .isSameAs(view);
        assertThat(evolver.evolve(view, issued(ID, 0), 0, T)).isSameAs(view);
    }

    @Test
    void anEventWithoutAnIssuedViewIsRefused() {
        assertThatThrownBy(() -> evolver.evolve(null, accepted(1), 1, T))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PrescriptionIssued missing");
    }

    @Test
    void anEventOfAnotherPrescriptionIsRefused() {
        PrescriptionView view = issuedView(0);
        PrescriptionAccepted other = new PrescriptionAccepted(PrescriptionId.random(), PHARMACY_A, PHARMACIST, 1, T);

        assertThatThrownBy(() -> evolver.evolve(view, other, 1, T)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timesAreKeptToTheMicrosecondAsTheDatabaseStoresThem() {
        PrescriptionView view = evolver.evolve(null, issued(ID, 0), 0, Instant.parse("2026-11-29T09:15:00.123456789Z"));

        assertThat(view.updatedAt()).isEqualTo(Instant.parse("2026-11-29T09:15:00.123456Z"));
    }
}

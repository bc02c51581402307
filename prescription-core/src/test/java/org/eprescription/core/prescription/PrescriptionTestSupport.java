package org.eprescription.core.prescription;

import org.eprescription.core.ids.Party;
import org.eprescription.core.refusal.Refusal;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.aggregate.TestExecutor;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.code.CodeDerivation;
import org.eprescription.core.code.ExchangeCodes;
import org.eprescription.core.code.LiveExchangeCodes;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.InteractionChecker;
import org.eprescription.core.prescription.command.AcceptPrescription;
import org.eprescription.core.prescription.command.AcknowledgeAlert;
import org.eprescription.core.prescription.command.CancelPrescription;
import org.eprescription.core.prescription.command.DispensePrescription;
import org.eprescription.core.prescription.command.ExpirePrescription;
import org.eprescription.core.prescription.command.IssuePrescription;
import org.eprescription.core.prescription.command.ReleasePrescription;
import org.eprescription.core.prescription.event.AlertAcknowledged;
import org.eprescription.core.prescription.event.CancellationRequested;
import org.eprescription.core.prescription.event.PrescriptionAccepted;
import org.eprescription.core.prescription.event.PrescriptionCancelled;
import org.eprescription.core.prescription.event.PrescriptionCompleted;
import org.eprescription.core.interaction.RecordedCourse;
import org.eprescription.core.prescription.event.DispensingCorrected;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.core.prescription.event.PrescriptionAmended;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.eprescription.core.prescription.event.PrescriptionExpired;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.eprescription.core.prescription.event.PrescriptionReleased;
import org.eprescription.core.prescription.event.RefillScheduled;
import org.eprescription.core.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;

import static org.eprescription.core.refusal.RefusalMatchers.refusedWith;
import static org.eprescription.core.testsupport.SampleDrugs.CATALOGUE;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_BRAND_A;
import static org.eprescription.core.testsupport.SampleDrugs.LOXOPROFEN_TABLET;

/**
 * Given-when-then vocabulary for the {@link Prescription} aggregate: a fixture with the catalogue, exchange codes
 * and a clock the test controls, plus builders for commands (verbs: {@code accept(PHARMACY_A)}) and events
 * (participles: {@code accepted(PHARMACY_A)}). Event timestamps are the clock's instant when the builder is called.
 */
abstract class PrescriptionTestSupport {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final ExchangeCodes EXCHANGE_CODES = new ExchangeCodes(KEY);

    static final PrescriptionId ID = PrescriptionId.of("6f1c2a3e-9b1d-4c55-8f0e-2a7d9e1b3c44");
    static final String CODE_HASH = EXCHANGE_CODES.hashFor(ID);
    /** How the code of {@link #ID} is derived when no live prescription holds it: key k1, first attempt. */
    static final CodeDerivation FIRST_CODE = new CodeDerivation("k1", 0);

    static final LocalDate ISSUE_DAY = LocalDate.of(2025, 4, 1);
    static final LocalTime OFFICE_HOURS = LocalTime.of(9, 0);
    static final LocalDate DEFAULT_VALID_UNTIL = ISSUE_DAY.plusDays(3);
    /** Use 2 of {@link #awaitingFirstRefill()} given on the issue day: planned 28 days later, window +-7 days. */
    static final LocalDate REFILL_PLANNED = ISSUE_DAY.plusDays(28);
    static final LocalDate REFILL_OPENS = REFILL_PLANNED.minusDays(7);
    static final LocalDate REFILL_CLOSES = REFILL_PLANNED.plusDays(7);

    static final LocalDate BIRTH_DATE = LocalDate.of(1958, 11, 3);
    static final PatientDetails PATIENT = new PatientDetails(PatientId.of("patient-1"), BIRTH_DATE, "Yamada Hanako");

    static final InstitutionId HOSPITAL = InstitutionId.of("hospital-1");
    static final InstitutionId OTHER_HOSPITAL = InstitutionId.of("hospital-2");
    static final PrescriberId DOCTOR = PrescriberId.of("doctor-1");
    static final PrescriberId OTHER_DOCTOR_SAME_HOSPITAL = PrescriberId.of("doctor-2");
    static final PrescriberId DOCTOR_ELSEWHERE = PrescriberId.of("doctor-9");
    static final PrescriberDetails PRESCRIBER = new PrescriberDetails(DOCTOR, HOSPITAL);

    static final PharmacyId PHARMACY_A = PharmacyId.of("pharmacy-a");
    static final PharmacyId PHARMACY_B = PharmacyId.of("pharmacy-b");
    static final PharmacyId PHARMACY_C = PharmacyId.of("pharmacy-c");

    /** Line 1: amlodipine, 28 tablets for 28 days. */
    static final PrescribedLine AMLODIPINE_LINE =
            new PrescribedLine(1, AMLODIPINE_BRAND_A, qty(28), "tablet", "1 tablet once daily after breakfast", 28);
    /** Line 2: loxoprofen, 21 tablets for 7 days. */
    static final PrescribedLine LOXOPROFEN_LINE =
            new PrescribedLine(2, LOXOPROFEN_TABLET, qty(21), "tablet", "1 tablet three times daily after meals", 7);
    static final List<PrescribedLine> LINES = List.of(AMLODIPINE_LINE, LOXOPROFEN_LINE);

    static final AlertId ALERT = AlertId.of("alert-same-ingredient-1");

    protected MutableClock clock;
    protected AggregateTestFixture<Prescription> fixture;

    @BeforeEach
    void setUpFixture() {
        clock = new MutableClock(ISSUE_DAY.atTime(OFFICE_HOURS).toInstant(java.time.ZoneOffset.UTC));
        fixture = fixtureWith(ValidUntilHorizon.DEFAULT);
    }

    /** A fresh fixture on the same clock, with the given validUntil horizon. */
    AggregateTestFixture<Prescription> fixtureWith(ValidUntilHorizon horizon) {
        return fixtureWith(horizon, CATALOGUE);
    }

    /** A fresh fixture on the same clock, deciding with another catalogue. */
    AggregateTestFixture<Prescription> fixtureWith(DrugCatalogue catalogue) {
        return fixtureWith(ValidUntilHorizon.DEFAULT, catalogue);
    }

    /**
     * A fresh fixture whose expected events are compared without how they describe their drugs, which
     * {@link RecordedDrugsTest} pins, nor the most days a dispensing's courses may run, which
     * {@link DispensedCourseDaysTest} pins; the rules tested elsewhere do not depend on them.
     */
    AggregateTestFixture<Prescription> fixtureWith(ValidUntilHorizon horizon, DrugCatalogue catalogue) {
        return fixtureWith(horizon, catalogue, clock);
    }

    /** A fresh fixture whose commands read {@code commandClock}; the builders keep reading the test's clock. */
    AggregateTestFixture<Prescription> fixtureWith(java.time.Clock commandClock) {
        return fixtureWith(ValidUntilHorizon.DEFAULT, CATALOGUE, commandClock);
    }

    AggregateTestFixture<Prescription> fixtureWith(ValidUntilHorizon horizon, DrugCatalogue catalogue,
                                                   java.time.Clock commandClock) {
        AggregateTestFixture<Prescription> created = describingFixture(horizon, catalogue, commandClock);
        created.registerIgnoredField(PrescriptionIssued.class, "drugs");
        created.registerIgnoredField(PrescriptionAmended.class, "drugs");
        created.registerIgnoredField(PrescriptionDispensed.class, "drugs");
        created.registerIgnoredField(DispensingCorrected.class, "drugs");
        created.registerIgnoredField(InteractionCheckCompleted.class, "drugs");
        created.registerIgnoredField(PrescriptionDispensed.class, "courseDays");
        created.registerIgnoredField(DispensingCorrected.class, "courseDays");
        return created;
    }

    /** A fresh fixture that compares every field of the events, their drugs' descriptions too. */
    AggregateTestFixture<Prescription> describingFixture(ValidUntilHorizon horizon, DrugCatalogue catalogue) {
        return describingFixture(horizon, catalogue, clock);
    }

    AggregateTestFixture<Prescription> describingFixture(ValidUntilHorizon horizon, DrugCatalogue catalogue,
                                                         java.time.Clock commandClock) {
        AggregateTestFixture<Prescription> created = new AggregateTestFixture<>(Prescription.class);
        created.registerInjectableResource(catalogue);
        created.registerInjectableResource(EXCHANGE_CODES);
        created.registerInjectableResource(liveCodes());
        created.registerInjectableResource(horizon);
        created.registerInjectableResource(commandClock);
        created.registerInjectableResource(checker());
        return created;
    }

    /** The interaction check commands run; off here, and {@link InteractionCheckTest} runs it. */
    InteractionChecker checker() {
        return InteractionChecker.disabled();
    }

    /** The exchange codes live prescriptions hold; none here, and {@link IssuePrescriptionTest} forces collisions. */
    LiveExchangeCodes liveCodes() {
        return LiveExchangeCodes.none();
    }

    /** {@code check} describing its courses' drugs as the sample catalogue does, as a command records it. */
    static InteractionCheckCompleted described(InteractionCheckCompleted check) {
        return check.describing(org.eprescription.core.catalogue.DrugDescriptions.of(
                check.courses().stream().map(RecordedCourse::drugCode).toList(), CATALOGUE));
    }

    /** What a dispensing answers when no interaction check runs. */
    static CommandOutcome outcome(long version) {
        return new CommandOutcome(version, null);
    }

    /** What an issue answers when no interaction check runs: its code is the first derivation. */
    static CommandOutcome issuedOutcome(long version) {
        return new CommandOutcome(version, null, FIRST_CODE);
    }

    // ----- time -----

    /** Moves the test clock to the given day, during office hours. */
    void today(LocalDate day) {
        clock.setTo(day, OFFICE_HOURS);
    }

    void today(LocalDate day, LocalTime time) {
        clock.setTo(day, time);
    }

    // ----- values -----

    static BigDecimal qty(long value) {
        return BigDecimal.valueOf(value);
    }

    static PharmacistId pharmacistOf(PharmacyId pharmacy) {
        return PharmacistId.of("pharmacist-of-" + pharmacy.value());
    }

    /** A line of {@code drug} in the unit the catalogue counts it in ("tablet" for a drug it does not know). */
    static PrescribedLine line(int number, DrugCode drug, long quantity, int days) {
        return new PrescribedLine(number, drug, qty(quantity), unitOf(drug), "as directed", days);
    }

    /** The unit the sample catalogue counts {@code drug} in; "tablet" for a drug it does not know. */
    static String unitOf(DrugCode drug) {
        return CATALOGUE.find(drug).map(org.eprescription.core.catalogue.Drug::unit).orElse("tablet");
    }

    static DispensedItem item(int lineNumber, long quantity, int days) {
        return new DispensedItem(lineNumber, null, qty(quantity), days);
    }

    static DispensedItem itemOf(int lineNumber, DrugCode drug, long quantity, int days) {
        return new DispensedItem(lineNumber, drug, qty(quantity), days);
    }

    /** Everything line 1 and line 2 prescribe, as prescribed. */
    static List<DispensedItem> everything() {
        return List.of(itemOf(1, AMLODIPINE_BRAND_A, 28, 28), itemOf(2, LOXOPROFEN_TABLET, 21, 7));
    }

    static Party prescriberParty(PrescriberId prescriber, InstitutionId institution) {
        return Party.prescriber(prescriber, institution);
    }

    static Party pharmacistParty(PharmacyId pharmacy) {
        return Party.pharmacist(pharmacistOf(pharmacy), pharmacy);
    }

    // ----- commands -----

    static IssuePrescription issue() {
        return issue(LINES, 0, null);
    }

    static IssuePrescription issueWithRefills(int refills) {
        return issue(LINES, refills, null);
    }

    static IssuePrescription issue(List<PrescribedLine> lines, int refills, LocalDate validUntil) {
        return new IssuePrescription(ID, PATIENT, PRESCRIBER, lines, refills, validUntil, List.of());
    }

    static IssuePrescription issueWithLines(PrescribedLine... lines) {
        return issue(Arrays.asList(lines), 0, null);
    }

    static AcceptPrescription accept(PharmacyId pharmacy) {
        return new AcceptPrescription(ID, CODE_HASH, BIRTH_DATE, pharmacy, pharmacistOf(pharmacy));
    }

    static AcceptPrescription acceptWith(String codeHash, LocalDate birthDate, PharmacyId pharmacy) {
        return new AcceptPrescription(ID, codeHash, birthDate, pharmacy, pharmacistOf(pharmacy));
    }

    static ReleasePrescription release(PharmacyId pharmacy) {
        return new ReleasePrescription(ID, pharmacy, "patient went elsewhere");
    }

    static DispensePrescription dispense(PharmacyId pharmacy, DispensedItem... items) {
        return new DispensePrescription(ID, pharmacy, pharmacistOf(pharmacy), Arrays.asList(items), false);
    }

    static DispensePrescription dispenseCompletingUse(PharmacyId pharmacy, DispensedItem... items) {
        return new DispensePrescription(ID, pharmacy, pharmacistOf(pharmacy), Arrays.asList(items), true);
    }

    static DispensePrescription dispenseEverything(PharmacyId pharmacy) {
        return new DispensePrescription(ID, pharmacy, pharmacistOf(pharmacy), everything(), false);
    }

    static CancelPrescription cancel() {
        return cancelBy(HOSPITAL, DOCTOR);
    }

    static CancelPrescription cancelBy(InstitutionId institution, PrescriberId prescriber) {
        return new CancelPrescription(ID, institution, prescriber, "wrong dose");
    }

    static ExpirePrescription expire() {
        return new ExpirePrescription(ID);
    }

    static AcknowledgeAlert acknowledge(Party party) {
        return new AcknowledgeAlert(ID, ALERT, "dose reduced, monitored", party);
    }

    // ----- events (timestamp: the clock's current instant) -----

    PrescriptionIssued issued() {
        return issued(0);
    }

    PrescriptionIssued issued(int refills) {
        return issued(LINES, refills, DEFAULT_VALID_UNTIL);
    }

    PrescriptionIssued issued(List<PrescribedLine> lines, int refills, LocalDate validUntil) {
        return new PrescriptionIssued(ID, PATIENT, PRESCRIBER, lines, refills, validUntil, CODE_HASH, "k1", 0, List.of(),
                clock.instant(), clock.today());
    }

    PrescriptionAccepted accepted(PharmacyId pharmacy) {
        return accepted(pharmacy, 1);
    }

    PrescriptionAccepted accepted(PharmacyId pharmacy, int use) {
        return new PrescriptionAccepted(ID, pharmacy, pharmacistOf(pharmacy), use, clock.instant());
    }

    PrescriptionReleased released(PharmacyId pharmacy, int use) {
        return new PrescriptionReleased(ID, pharmacy, use, "patient went elsewhere", clock.instant());
    }

    PrescriptionDispensed dispensed(PharmacyId pharmacy, int use, boolean completesUse, DispensedItem... items) {
        return dispensed(pharmacy, use, completesUse, Arrays.asList(items));
    }

    /** Items of the prescribed drug's strength: each line counts as the quantities handed out. */
    PrescriptionDispensed dispensed(PharmacyId pharmacy, int use, boolean completesUse, List<DispensedItem> items) {
        Map<Integer, BigDecimal> counted = new TreeMap<>();
        items.forEach(item -> counted.merge(item.lineNumber(), item.quantity(), BigDecimal::add));
        return dispensed(pharmacy, use, completesUse, items, counted.entrySet().stream()
                .map(entry -> new LineQuantity(entry.getKey(), entry.getValue())).toList());
    }

    PrescriptionDispensed dispensed(PharmacyId pharmacy, int use, boolean completesUse, List<DispensedItem> items,
                                    List<LineQuantity> countedAsPrescribed) {
        return dispensed(pharmacy, use, completesUse, items, countedAsPrescribed, List.of());
    }

    /** Handing out substitutes, recorded with the limits of their own they went out under. */
    PrescriptionDispensed dispensed(PharmacyId pharmacy, int use, boolean completesUse, List<DispensedItem> items,
                                    List<LineQuantity> countedAsPrescribed, List<SubstituteSupply> substitutes) {
        return new PrescriptionDispensed(ID, pharmacy, pharmacistOf(pharmacy), use, items, completesUse,
                clock.instant(), clock.today(), countedAsPrescribed, substitutes);
    }

    /** A substitute handed out on a line, counted as {@code countedAs} units of the prescribed drug, under its limits. */
    static SubstituteSupply substitute(int lineNumber, DrugCode drug, long countedAs, DrugCatalogue catalogue) {
        org.eprescription.core.catalogue.Drug limits = catalogue.find(drug).orElseThrow();
        return new SubstituteSupply(lineNumber, drug, qty(countedAs), limits.refillAllowed(), limits.maxDays());
    }

    PrescriptionDispensed dispensedEverything(PharmacyId pharmacy, int use) {
        return dispensed(pharmacy, use, true, everything());
    }

    /** The refill of a prescription of {@link #LINES}: its longest planned course, amlodipine's, runs 28 days. */
    RefillScheduled refillScheduled(int use, LocalDate planned) {
        return refillScheduled(use, planned, AMLODIPINE_LINE.days());
    }

    RefillScheduled refillScheduled(int use, LocalDate planned, int courseDays) {
        return new RefillScheduled(ID, use, planned, planned.minusDays(7), planned.plusDays(7), clock.instant(),
                courseDays);
    }

    PrescriptionCompleted completed() {
        return new PrescriptionCompleted(ID, clock.instant());
    }

    PrescriptionCancelled cancelled() {
        return new PrescriptionCancelled(ID, HOSPITAL, DOCTOR, "wrong dose", clock.instant());
    }

    /** The cancellation that a release applies after a request: it names who requested it, and why. */
    PrescriptionCancelled cancelledOnRelease() {
        return new PrescriptionCancelled(ID, HOSPITAL, DOCTOR, "wrong dose", clock.instant());
    }

    CancellationRequested cancellationRequested(PharmacyId holdingPharmacy) {
        return new CancellationRequested(ID, HOSPITAL, DOCTOR, holdingPharmacy, "wrong dose", clock.instant());
    }

    PrescriptionExpired expired(int use) {
        return new PrescriptionExpired(ID, use, clock.instant());
    }

    AlertAcknowledged alertAcknowledged(Party party) {
        return new AlertAcknowledged(ID, ALERT, "dose reduced, monitored", party, clock.instant(), null);
    }

    // ----- whole histories -----

    /** Use 1 of a prescription with one refill dispensed in full today: use 2 planned 28 days later. */
    Object[] awaitingFirstRefill() {
        return new Object[]{issued(1), accepted(PHARMACY_A), dispensedEverything(PHARMACY_A, 1),
                refillScheduled(2, clock.today().plusDays(28))};
    }

    /**
     * The fixture given {@link #awaitingFirstRefill()}, recorded on the issue day, with the clock then moved to
     * {@code day} during office hours (or to {@code time}).
     */
    TestExecutor<Prescription> awaitingFirstRefillOn(LocalDate day) {
        return awaitingFirstRefillOn(day, OFFICE_HOURS);
    }

    TestExecutor<Prescription> awaitingFirstRefillOn(LocalDate day, LocalTime time) {
        Object[] history = awaitingFirstRefill();
        today(day, time);
        return fixture.given(history);
    }

    Object[] completedHistory() {
        return new Object[]{issued(), accepted(PHARMACY_A), dispensedEverything(PHARMACY_A, 1), completed()};
    }

    // ----- refusals -----

    /** Issuing the lines with the refills and the validity asked (null: the default) records them as asked. */
    void expectIssuedAsAsked(List<PrescribedLine> lines, int refills, LocalDate validUntil) {
        fixture.givenNoPriorActivity()
                .when(issue(lines, refills, validUntil))
                .expectEvents(issued(lines, refills, validUntil == null ? DEFAULT_VALID_UNTIL : validUntil));
    }

    /** The command was refused with this reason and changed nothing. */
    static void expectRefused(ResultValidator<Prescription> result, Refusal refusal) {
        result.expectException(refusedWith(refusal)).expectNoEvents();
    }
}

package org.eprescription.core.record;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.AlertIds;
import org.eprescription.core.interaction.AlertType;
import org.eprescription.core.interaction.CheckTrigger;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.InteractionChecker;
import org.eprescription.core.interaction.InteractionRules;
import org.eprescription.core.interaction.MedicationCourse;
import org.eprescription.core.interaction.RecordedAlert;
import org.eprescription.core.interaction.RecordedConflict;
import org.eprescription.core.interaction.RecordedCourse;
import org.eprescription.core.interaction.Severity;
import org.eprescription.core.interaction.PatientCourses;
import org.eprescription.core.interaction.UncheckedCourses;
import org.eprescription.core.ids.Party;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.core.refusal.Refusal;
import org.eprescription.core.record.command.CorrectDispensingRecord;
import org.eprescription.core.record.command.RegisterDispensing;
import org.eprescription.core.record.command.WithdrawDispensingRecord;
import org.eprescription.core.record.event.DispensingRecordChecked;
import org.eprescription.core.record.event.DispensingRecordCorrected;
import org.eprescription.core.record.event.DispensingRecordWithdrawn;
import org.eprescription.core.record.event.DispensingRegistered;
import org.eprescription.core.testsupport.MutableClock;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.core.refusal.RefusalMatchers.refusedWith;
import static org.eprescription.core.testsupport.SampleDrugs.CATALOGUE;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_BRAND_A;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_GENERIC_C;
import static org.eprescription.core.testsupport.SampleDrugs.METFORMIN;
import static org.eprescription.core.testsupport.SampleDrugs.LOXOPROFEN_TABLET;
import static org.eprescription.core.testsupport.SampleDrugs.NOT_IN_CATALOGUE;

/**
 * A dispensing registered without an electronic prescription (docs/alerts.md, "Registered dispensings"): its dates,
 * its check against the patient's other courses, retries, and the same-day correction and withdrawal.
 */
class DispensingRecordTest {

    private static final DispensingRecordId ID = DispensingRecordId.of("0b6c9f1e-3d2a-4e5f-9a8b-7c6d5e4f3a21");
    private static final PatientDetails PATIENT = new PatientDetails(PatientId.of("patient-1"),
            LocalDate.of(1958, 11, 3), null);
    private static final Party PHARMACIST = Party.pharmacist(PharmacistId.of("rph-1"), PharmacyId.of("pharmacy-a"));
    private static final Party COLLEAGUE = Party.pharmacist(PharmacistId.of("rph-2"), PharmacyId.of("pharmacy-a"));
    private static final Party OTHER_PHARMACY = Party.pharmacist(PharmacistId.of("rph-9"), PharmacyId.of("pharmacy-b"));
    private static final Party HOSPITAL_DOCTOR = Party.prescriber(PrescriberId.of("doctor-1"),
            InstitutionId.of("hospital-1"));
    private static final InstitutionId PAPER_ISSUER = InstitutionId.of("clinic-7");
    private static final LocalDate DAY = LocalDate.of(2025, 4, 1);
    private static final PrescriptionId ELECTRONIC = PrescriptionId.of("11111111-2222-4333-8444-555555555555");

    private MutableClock clock;
    private final List<MedicationCourse> otherCourses = new ArrayList<>();
    private boolean checking = true;
    /** The patient's prescriptions and records whose courses a command moved without a check. */
    private UncheckedCourses unchecked = UncheckedCourses.NONE;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(DAY.atTime(10, 0).toInstant(ZoneOffset.UTC));
        assertThat(CATALOGUE.find(METFORMIN)).as("the sample catalogue has metformin").isPresent();
    }

    private AggregateTestFixture<DispensingRecord> fixture() {
        return fixture(clock);
    }

    private AggregateTestFixture<DispensingRecord> fixture(Clock withClock) {
        AggregateTestFixture<DispensingRecord> fixture = new AggregateTestFixture<>(DispensingRecord.class);
        // how events describe their drugs is pinned by RecordedDrugsTest
        fixture.registerIgnoredField(DispensingRegistered.class, "drugs");
        fixture.registerIgnoredField(DispensingRecordCorrected.class, "drugs");
        fixture.registerIgnoredField(DispensingRecordChecked.class, "drugs");
        fixture.registerInjectableResource(CATALOGUE);
        fixture.registerInjectableResource(withClock);
        fixture.registerInjectableResource(checking
                ? new InteractionChecker(new InteractionRules(CATALOGUE, false), new PatientCourses() {
                    @Override
                    public List<MedicationCourse> lockAndRead(PatientId patient, LocalDate from) {
                        return otherCourses.stream().filter(course -> !course.to().isBefore(from)).toList();
                    }

                    @Override
                    public UncheckedCourses uncheckedSince(PatientId patient, LocalDate from) {
                        return unchecked;
                    }
                })
                : InteractionChecker.disabled());
        return fixture;
    }

    private static RecordItem item(DrugCode drug, int quantity, int days) {
        return new RecordItem(drug, BigDecimal.valueOf(quantity), days);
    }

    private static RegisterDispensing register(Party by, RecordItem... items) {
        return new RegisterDispensing(ID, PATIENT, by, PAPER_ISSUER, List.of(items));
    }

    private DispensingRegistered registered(Party by, RecordItem... items) {
        return new DispensingRegistered(ID, PATIENT, by, PAPER_ISSUER, List.of(items), clock.today(),
                clock.instant());
    }

    private MedicationCourse electronicAmlodipine() {
        return new MedicationCourse(ELECTRONIC, 1, 1, PATIENT.id(), AMLODIPINE_BRAND_A, DAY.minusDays(5),
                DAY.plusDays(22), CourseStatus.DISPENSED, InstitutionId.of("hospital-2"), PrescriberId.of("doctor-9"));
    }

    private static RecordedConflict conflictWith(MedicationCourse course, boolean sameProduct) {
        return new RecordedConflict(course.prescriptionId(), course.lineNumber(), course.use(), course.drugCode(),
                course.from(), course.to(), course.status(), course.institutionId(), course.prescriberId(),
                sameProduct);
    }

    private static RecordedAlert amlodipineAlert(int revision, DrugCode drug, LocalDate from, LocalDate to,
                                                 RecordedConflict conflict) {
        return new RecordedAlert(AlertIds.of(ID, revision, 1, AlertType.SAME_INGREDIENT, "amlodipine"),
                AlertType.SAME_INGREDIENT, Severity.HIGH, 1, revision, drug, "amlodipine", "amlodipine", from, to,
                List.of(conflict));
    }

    private DispensingRecordChecked checked(CheckTrigger trigger, List<RecordedCourse> courses,
                                            List<RecordedAlert> alerts, List<AlertId> resolved) {
        return new DispensingRecordChecked(ID, PATIENT.id(), PAPER_ISSUER, null, PHARMACIST, trigger, courses, alerts,
                resolved, CATALOGUE.version(), clock.instant());
    }

    @Test
    void aPaperDispensingOverlappingAnElectronicPrescriptionRecordsTheAlertItsCheckFound() {
        MedicationCourse electronic = electronicAmlodipine();
        otherCourses.add(electronic);
        RecordedCourse course = new RecordedCourse(1, 1, AMLODIPINE_GENERIC_C, DAY, DAY.plusDays(27),
                CourseStatus.DISPENSED);

        fixture().givenNoPriorActivity()
                .when(register(PHARMACIST, item(AMLODIPINE_GENERIC_C, 28, 28)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered(PHARMACIST, item(AMLODIPINE_GENERIC_C, 28, 28)),
                        checked(CheckTrigger.RECORD_REGISTRATION, List.of(course),
                                List.of(amlodipineAlert(1, AMLODIPINE_GENERIC_C, DAY, DAY.plusDays(27),
                                        conflictWith(electronic, false))), List.of()))
                .expectResultMessagePayloadMatching(new TypeSafeMatcher<RecordOutcome>() {
                    @Override
                    protected boolean matchesSafely(RecordOutcome outcome) {
                        return !outcome.alreadyRegistered() && outcome.check().alerts().size() == 1
                                && outcome.record().dispensedOn().equals(DAY) && outcome.record().revision() == 1;
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("a new record of the day with its one alert");
                    }
                });
    }

    @Test
    void aRegistrationBesideAPrescriptionNoCheckRecordedRecordsThatItsCheckIsIncompleteNamingIt() {
        PrescriptionId issuedWhileAlertsWereOff = PrescriptionId.of("22222222-3333-4444-8555-666666666666");
        unchecked = new UncheckedCourses(List.of(issuedWhileAlertsWereOff), List.of(ID));
        UncheckedCourses others = new UncheckedCourses(List.of(issuedWhileAlertsWereOff), List.of());

        fixture().givenNoPriorActivity()
                .when(register(PHARMACIST, item(AMLODIPINE_GENERIC_C, 28, 28)))
                .expectEvents(registered(PHARMACIST, item(AMLODIPINE_GENERIC_C, 28, 28)),
                        new DispensingRecordChecked(ID, PATIENT.id(), PAPER_ISSUER, null, PHARMACIST,
                                CheckTrigger.RECORD_REGISTRATION, List.of(new RecordedCourse(1, 1,
                                AMLODIPINE_GENERIC_C, DAY, DAY.plusDays(27), CourseStatus.DISPENSED)), List.of(),
                                List.of(), others, List.of(), CATALOGUE.version(), clock.instant()))
                .expectResultMessagePayloadMatching(new TypeSafeMatcher<RecordOutcome>() {
                    @Override
                    protected boolean matchesSafely(RecordOutcome outcome) {
                        return !outcome.check().complete();
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("an incomplete check");
                    }
                });
    }

    @Test
    void theDispensingDayIsDecidedInTheExchangesZone() {
        // 23:30 UTC on 1 April is already 2 April in Tokyo
        Instant lateEvening = DAY.atTime(23, 30).toInstant(ZoneOffset.UTC);
        Clock tokyo = Clock.fixed(lateEvening, ZoneId.of("Asia/Tokyo"));
        checking = false;

        fixture(tokyo).givenNoPriorActivity()
                .when(register(PHARMACIST, item(AMLODIPINE_BRAND_A, 28, 28)))
                .expectEvents(new DispensingRegistered(ID, PATIENT, PHARMACIST, PAPER_ISSUER,
                        List.of(item(AMLODIPINE_BRAND_A, 28, 28)), DAY.plusDays(1), lateEvening));
    }

    @Test
    void aRegistrationAtMidnightIsDatedTheDayOfItsInstant() {
        // the clock moves a millisecond at every reading: a second reading would fall on the next day
        checking = false;
        fixture(MutableClock.tickingFromDaysEnd(DAY)).givenNoPriorActivity()
                .when(register(PHARMACIST, item(AMLODIPINE_BRAND_A, 28, 28)))
                .expectEvents(new DispensingRegistered(ID, PATIENT, PHARMACIST, PAPER_ISSUER,
                        List.of(item(AMLODIPINE_BRAND_A, 28, 28)), DAY, lastMillisecondOf(DAY)));
    }

    @Test
    void aCorrectionOrWithdrawalInTheLastMillisecondOfTheDayIsRecordedOnThatDayAtThatMillisecond() {
        checking = false;
        DispensingRegistered registration = registered(PHARMACIST, item(AMLODIPINE_BRAND_A, 28, 28));
        fixture(MutableClock.tickingFromDaysEnd(DAY)).given(registration)
                .when(new CorrectDispensingRecord(ID, PHARMACIST, "wrong quantity entered",
                        List.of(item(AMLODIPINE_BRAND_A, 14, 14))))
                .expectEvents(new DispensingRecordCorrected(ID, PATIENT.id(), PHARMACIST, "wrong quantity entered",
                        List.of(item(AMLODIPINE_BRAND_A, 14, 14)), 2, DAY, lastMillisecondOf(DAY)));
        fixture(MutableClock.tickingFromDaysEnd(DAY)).given(registration)
                .when(new WithdrawDispensingRecord(ID, PHARMACIST, "wrong patient"))
                .expectEvents(new DispensingRecordWithdrawn(ID, PATIENT.id(), PHARMACIST, "wrong patient", DAY,
                        lastMillisecondOf(DAY)));
    }

    private static Instant lastMillisecondOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1);
    }

    @Test
    void anInstitutionsInHouseDispensingIsItsOwnCourseAndItsPrescribers() {
        checking = true;
        RegisterDispensing inHouse = new RegisterDispensing(ID, PATIENT, HOSPITAL_DOCTOR, null,
                List.of(item(AMLODIPINE_BRAND_A, 14, 14)));

        fixture().givenNoPriorActivity()
                .when(inHouse)
                .expectEvents(new DispensingRegistered(ID, PATIENT, HOSPITAL_DOCTOR, null,
                                List.of(item(AMLODIPINE_BRAND_A, 14, 14)), DAY, clock.instant()),
                        new DispensingRecordChecked(ID, PATIENT.id(), InstitutionId.of("hospital-1"),
                                PrescriberId.of("doctor-1"), HOSPITAL_DOCTOR, CheckTrigger.RECORD_REGISTRATION,
                                List.of(new RecordedCourse(1, 1, AMLODIPINE_BRAND_A, DAY, DAY.plusDays(13),
                                        CourseStatus.DISPENSED)), List.of(), List.of(), CATALOGUE.version(),
                                clock.instant()));
    }

    @Test
    void anItemTakenAsNeededCountsFourteenDaysWhateverItsDays() {
        checking = true;
        RecordItem asNeeded = new RecordItem(LOXOPROFEN_TABLET, BigDecimal.TEN, 3, true);

        fixture().givenNoPriorActivity()
                .when(register(PHARMACIST, asNeeded))
                .expectEvents(registered(PHARMACIST, asNeeded),
                        checked(CheckTrigger.RECORD_REGISTRATION, List.of(new RecordedCourse(1, 1, LOXOPROFEN_TABLET,
                                DAY, DAY.plusDays(13), CourseStatus.DISPENSED)), List.of(), List.of()));
    }

    @Test
    void withAlertsSwitchedOffNothingIsChecked() {
        checking = false;
        fixture().givenNoPriorActivity()
                .when(register(PHARMACIST, item(AMLODIPINE_BRAND_A, 28, 28)))
                .expectEvents(registered(PHARMACIST, item(AMLODIPINE_BRAND_A, 28, 28)));
    }

    @Test
    void aRetryWithTheSameIdAndContentRecordsNothingAndAnswersTheRecord() {
        fixture().given(registered(PHARMACIST, item(AMLODIPINE_BRAND_A, 28, 28)))
                .when(register(PHARMACIST, item(AMLODIPINE_BRAND_A, 28, 28)))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(new TypeSafeMatcher<RecordOutcome>() {
                    @Override
                    protected boolean matchesSafely(RecordOutcome outcome) {
                        return outcome.alreadyRegistered() && outcome.record().recordId().equals(ID);
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("the record, already registered");
                    }
                });
    }

    @Test
    void aRetryAfterACorrectionAnswersTheCorrectedRecordWithTheCorrectionsAlerts() {
        MedicationCourse electronic = electronicAmlodipine();
        RecordedCourse registeredCourse = new RecordedCourse(1, 1, METFORMIN, DAY, DAY.plusDays(27),
                CourseStatus.DISPENSED);
        RecordedCourse correctedCourse = new RecordedCourse(1, 2, AMLODIPINE_GENERIC_C, DAY, DAY.plusDays(27),
                CourseStatus.DISPENSED);
        RecordedAlert raisedByCorrection = amlodipineAlert(2, AMLODIPINE_GENERIC_C, DAY, DAY.plusDays(27),
                conflictWith(electronic, false));

        fixture().given(registered(PHARMACIST, item(METFORMIN, 28, 28)),
                        checked(CheckTrigger.RECORD_REGISTRATION, List.of(registeredCourse), List.of(), List.of()),
                        new DispensingRecordCorrected(ID, PATIENT.id(), PHARMACIST, "wrong drug entered",
                                List.of(item(AMLODIPINE_GENERIC_C, 28, 28)), 2, DAY, clock.instant()),
                        checked(CheckTrigger.RECORD_CORRECTION, List.of(correctedCourse),
                                List.of(raisedByCorrection), List.of()))
                .when(register(PHARMACIST, item(METFORMIN, 28, 28)))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(new TypeSafeMatcher<RecordOutcome>() {
                    @Override
                    protected boolean matchesSafely(RecordOutcome outcome) {
                        return outcome.alreadyRegistered() && outcome.record().revision() == 2
                                && outcome.check().alerts().equals(List.of(raisedByCorrection));
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("revision 2 with the alert its correction raised");
                    }
                });
    }

    @Test
    void anotherContentUnderTheSameIdIsRefused() {
        fixture().given(registered(PHARMACIST, item(AMLODIPINE_BRAND_A, 28, 28)))
                .when(register(PHARMACIST, item(AMLODIPINE_BRAND_A, 14, 14)))
                .expectNoEvents()
                .expectException(refusedWith(Refusal.DIFFERENT_RECORD_UNDER_SAME_ID));
    }

    @Test
    void itemsMustBeKnownDrugsInPossibleAmounts() {
        fixture().givenNoPriorActivity()
                .when(register(PHARMACIST, item(NOT_IN_CATALOGUE, 28, 28)))
                .expectNoEvents()
                .expectException(refusedWith(Refusal.UNKNOWN_DRUG));
        fixture().givenNoPriorActivity()
                .when(register(PHARMACIST))
                .expectNoEvents()
                .expectException(refusedWith(Refusal.INVALID_RECORD_ITEMS));
        fixture().givenNoPriorActivity()
                .when(register(PHARMACIST, item(AMLODIPINE_BRAND_A, 28, 0)))
                .expectNoEvents()
                .expectException(refusedWith(Refusal.INVALID_RECORD_ITEMS));
        fixture().givenNoPriorActivity()
                .when(register(PHARMACIST, item(AMLODIPINE_BRAND_A, 0, 28)))
                .expectNoEvents()
                .expectException(refusedWith(Refusal.INVALID_RECORD_ITEMS));
    }

    @Test
    void aSameDayCorrectionReplacesTheCoursesChecksAgainAndResolvesTheEarlierAlerts() {
        MedicationCourse electronic = electronicAmlodipine();
        otherCourses.add(electronic);
        RecordedCourse first = new RecordedCourse(1, 1, AMLODIPINE_BRAND_A, DAY, DAY.plusDays(27), CourseStatus.DISPENSED);
        RecordedAlert firstAlert = amlodipineAlert(1, AMLODIPINE_BRAND_A, DAY, DAY.plusDays(27),
                conflictWith(electronic, true));
        // the record's own course is in the course record too: never compared with itself
        otherCourses.add(MedicationCourse.ofRecord(ID, 1, 1, PATIENT.id(), AMLODIPINE_BRAND_A, DAY, DAY.plusDays(27),
                CourseStatus.DISPENSED, PAPER_ISSUER, null, PHARMACIST));
        clock.advance(Duration.ofHours(3));

        fixture().given(registered(PHARMACIST, item(AMLODIPINE_BRAND_A, 28, 28)),
                        checked(CheckTrigger.RECORD_REGISTRATION, List.of(first), List.of(firstAlert), List.of()))
                .when(new CorrectDispensingRecord(ID, COLLEAGUE, "wrong quantity entered",
                        List.of(item(AMLODIPINE_BRAND_A, 14, 14))))
                .expectEvents(new DispensingRecordCorrected(ID, PATIENT.id(), COLLEAGUE, "wrong quantity entered",
                                List.of(item(AMLODIPINE_BRAND_A, 14, 14)), 2, DAY, clock.instant()),
                        checked(CheckTrigger.RECORD_CORRECTION,
                                List.of(new RecordedCourse(1, 1, AMLODIPINE_BRAND_A, DAY, DAY.plusDays(27),
                                                CourseStatus.STOPPED),
                                        new RecordedCourse(1, 2, AMLODIPINE_BRAND_A, DAY, DAY.plusDays(13),
                                                CourseStatus.DISPENSED)),
                                List.of(amlodipineAlert(2, AMLODIPINE_BRAND_A, DAY, DAY.plusDays(13),
                                        conflictWith(electronic, true))),
                                List.of(firstAlert.alertId())));
    }

    @Test
    void aSameDayWithdrawalStopsTheCoursesAndResolvesTheAlerts() {
        MedicationCourse electronic = electronicAmlodipine();
        RecordedCourse first = new RecordedCourse(1, 1, AMLODIPINE_BRAND_A, DAY, DAY.plusDays(27), CourseStatus.DISPENSED);
        RecordedAlert firstAlert = amlodipineAlert(1, AMLODIPINE_BRAND_A, DAY, DAY.plusDays(27),
                conflictWith(electronic, true));

        fixture().given(registered(PHARMACIST, item(AMLODIPINE_BRAND_A, 28, 28)),
                        checked(CheckTrigger.RECORD_REGISTRATION, List.of(first), List.of(firstAlert), List.of()))
                .when(new WithdrawDispensingRecord(ID, PHARMACIST, "registered for the wrong patient"))
                .expectEvents(new DispensingRecordWithdrawn(ID, PATIENT.id(), PHARMACIST,
                                "registered for the wrong patient", DAY, clock.instant()),
                        checked(CheckTrigger.RECORD_WITHDRAWAL,
                                List.of(new RecordedCourse(1, 1, AMLODIPINE_BRAND_A, DAY, DAY.plusDays(27),
                                        CourseStatus.STOPPED)), List.of(), List.of(firstAlert.alertId())));
    }

    @Test
    void theDayAfterTheDispensingNothingCanBeCorrected() {
        DispensingRegistered registration = registered(PHARMACIST, item(AMLODIPINE_BRAND_A, 28, 28));
        clock.advance(Duration.ofDays(1));

        fixture().given(registration)
                .when(new CorrectDispensingRecord(ID, PHARMACIST, "late", List.of(item(AMLODIPINE_BRAND_A, 14, 14))))
                .expectNoEvents()
                .expectException(refusedWith(Refusal.RECORD_CORRECTION_CLOSED));
        fixture().given(registration)
                .when(new WithdrawDispensingRecord(ID, PHARMACIST, "late"))
                .expectNoEvents()
                .expectException(refusedWith(Refusal.RECORD_CORRECTION_CLOSED));
    }

    @Test
    void onlyTheRegisteringPharmacyOrInstitutionCorrects() {
        fixture().given(registered(PHARMACIST, item(AMLODIPINE_BRAND_A, 28, 28)))
                .when(new WithdrawDispensingRecord(ID, OTHER_PHARMACY, "not ours"))
                .expectNoEvents()
                .expectException(refusedWith(Refusal.NOT_THE_REGISTERING_PARTY));
        fixture().given(registered(PHARMACIST, item(AMLODIPINE_BRAND_A, 28, 28)))
                .when(new WithdrawDispensingRecord(ID,
                        Party.prescriber(PrescriberId.of("rph-1"), InstitutionId.of("pharmacy-a")), "same names"))
                .expectNoEvents()
                .expectException(refusedWith(Refusal.NOT_THE_REGISTERING_PARTY));
    }

    @Test
    void aWithdrawnRecordStaysWithdrawn() {
        checking = false;
        fixture().given(registered(PHARMACIST, item(AMLODIPINE_BRAND_A, 28, 28)),
                        new DispensingRecordWithdrawn(ID, PATIENT.id(), PHARMACIST, "wrong patient", DAY,
                                clock.instant()))
                .when(new CorrectDispensingRecord(ID, PHARMACIST, "after all",
                        List.of(item(AMLODIPINE_BRAND_A, 14, 14))))
                .expectNoEvents()
                .expectException(refusedWith(Refusal.RECORD_WITHDRAWN));
    }
}

package org.eprescription.core.prescription;

import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.Party;
import org.eprescription.core.refusal.Refusal;

import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.AlertIds;
import org.eprescription.core.interaction.AlertType;
import org.eprescription.core.interaction.CheckTrigger;
import org.eprescription.core.interaction.ConflictIds;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.InteractionChecker;
import org.eprescription.core.interaction.InteractionRules;
import org.eprescription.core.interaction.MedicationCourse;
import org.eprescription.core.interaction.PatientCourses;
import org.eprescription.core.interaction.UncheckedCourses;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.interaction.RecordedAlert;
import org.eprescription.core.interaction.RecordedConflict;
import org.eprescription.core.interaction.RecordedCourse;
import org.eprescription.core.interaction.Severity;
import org.eprescription.core.prescription.command.AcknowledgeAlert;
import org.eprescription.core.prescription.command.IssuePrescription;
import org.eprescription.core.prescription.event.AlertAcknowledged;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.core.testsupport.RecordedEvents.recorded;
import static org.eprescription.core.testsupport.SampleDrugs.CATALOGUE;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_BRAND_A;
import static org.eprescription.core.testsupport.SampleDrugs.LOXOPROFEN_TABLET;
import static org.eprescription.core.testsupport.SampleDrugs.NOT_IN_CATALOGUE;
import static org.axonframework.test.matchers.Matchers.predicate;

/**
 * The interaction check that issue and dispensing run before they record their events (docs/alerts.md): what it
 * finds is recorded in {@link InteractionCheckCompleted}, with the courses' days and the catalogue version.
 */
class InteractionCheckTest extends PrescriptionTestSupport {

    private static final PrescriptionId OTHER = PrescriptionId.of("11111111-2222-4333-8444-555555555555");
    private static final InstitutionId ELSEWHERE = InstitutionId.of("hospital-9");

    /** The patient's other courses, as the command-side record would hold them. */
    private final List<MedicationCourse> otherCourses = new ArrayList<>();
    /** The patient's prescriptions and records whose courses a command moved without a check. */
    private UncheckedCourses unchecked = UncheckedCourses.NONE;
    /** Each lock-and-read the checker asked for: patient and earliest day. */
    private final List<String> reads = new ArrayList<>();

    @Override
    InteractionChecker checker() {
        PatientCourses courses = new PatientCourses() {
            @Override
            public List<MedicationCourse> lockAndRead(PatientId patientId, LocalDate from) {
                reads.add(patientId.value() + "@" + from);
                return otherCourses.stream().filter(course -> !course.to().isBefore(from)).toList();
            }

            @Override
            public UncheckedCourses uncheckedSince(PatientId patientId, LocalDate from) {
                return unchecked;
            }
        };
        return new InteractionChecker(new InteractionRules(CATALOGUE, false), courses);
    }

    private MedicationCourse otherAmlodipine(LocalDate from, LocalDate to, CourseStatus status) {
        return new MedicationCourse(OTHER, 1, 1, PATIENT.id(), AMLODIPINE_BRAND_A, from, to, status, ELSEWHERE,
                DOCTOR_ELSEWHERE);
    }

    private List<RecordedCourse> plannedAtIssue() {
        return List.of(
                new RecordedCourse(1, 1, AMLODIPINE_BRAND_A, ISSUE_DAY, ISSUE_DAY.plusDays(27), CourseStatus.PLANNED),
                new RecordedCourse(2, 1, LOXOPROFEN_TABLET, ISSUE_DAY, ISSUE_DAY.plusDays(6), CourseStatus.PLANNED));
    }

    /** Line 1's course as a dispensing records it: from the issue day to {@code to}. */
    private static RecordedCourse amlodipineDispensed(LocalDate to) {
        return new RecordedCourse(1, 1, AMLODIPINE_BRAND_A, ISSUE_DAY, to, CourseStatus.DISPENSED);
    }

    /** Issued, checked, accepted by pharmacy A, and 14 of line 1's 28 days handed out on the issue day. */
    private Object[] firstPortionOfFourteenDaysDispensed() {
        return new Object[] {issued(), check(CheckTrigger.ISSUE, plannedAtIssue(), List.of()), accepted(PHARMACY_A),
                dispensed(PHARMACY_A, 1, false, item(1, 14, 14)),
                check(CheckTrigger.DISPENSING, List.of(amlodipineDispensed(ISSUE_DAY.plusDays(13))), List.of())};
    }

    private InteractionCheckCompleted check(CheckTrigger trigger, List<RecordedCourse> courses,
                                            List<RecordedAlert> alerts) {
        return described(new InteractionCheckCompleted(ID, PATIENT.id(), HOSPITAL, DOCTOR, trigger, courses, alerts,
                CATALOGUE.version(), clock.instant()));
    }

    private RecordedAlert amlodipineAlert(int use, LocalDate from, LocalDate to, MedicationCourse conflict) {
        return new RecordedAlert(AlertIds.of(ID, 1, AlertType.SAME_INGREDIENT, "amlodipine"),
                AlertType.SAME_INGREDIENT, Severity.HIGH, 1, use, AMLODIPINE_BRAND_A, "amlodipine", "amlodipine",
                from, to, List.of(new RecordedConflict(conflict.prescriptionId(), conflict.lineNumber(),
                        conflict.use(), conflict.drugCode(), conflict.from(), conflict.to(), conflict.status(),
                        conflict.institutionId(), conflict.prescriberId(), true)));
    }

    @Test
    void anIssueRecordsWhatItsCheckFoundWithTheCataloguesVersionAndAnswersIt() {
        MedicationCourse running = otherAmlodipine(ISSUE_DAY.minusDays(10), ISSUE_DAY.plusDays(17),
                CourseStatus.DISPENSED);
        otherCourses.add(running);
        InteractionCheckCompleted expected = check(CheckTrigger.ISSUE, plannedAtIssue(),
                List.of(amlodipineAlert(1, ISSUE_DAY, ISSUE_DAY.plusDays(27), running)));

        fixture.givenNoPriorActivity()
                .when(issue())
                .expectEvents(issued(), expected)
                .expectResultMessagePayload(new CommandOutcome(1L, expected, FIRST_CODE));
        assertThat(reads).containsExactly(PATIENT.id().value() + "@" + ISSUE_DAY);
        assertThat(expected.catalogueVersion()).startsWith("sha256:");
    }

    @Test
    void anIssueWithoutConflictsRecordsThatNothingWasFound() {
        fixture.givenNoPriorActivity()
                .when(issue())
                .expectEvents(issued(), check(CheckTrigger.ISSUE, plannedAtIssue(), List.of()));
    }

    private static final PrescriptionId ISSUED_WHILE_ALERTS_WERE_OFF =
            PrescriptionId.of("22222222-3333-4444-8555-666666666666");
    private static final DispensingRecordId REGISTERED_WHILE_ALERTS_WERE_OFF =
            DispensingRecordId.of("33333333-4444-4555-8666-777777777777");

    @Test
    void anIssueBesideAPrescriptionNoCheckRecordedRecordsThatItsCheckIsIncompleteNamingIt() {
        unchecked = new UncheckedCourses(List.of(ISSUED_WHILE_ALERTS_WERE_OFF),
                List.of(REGISTERED_WHILE_ALERTS_WERE_OFF));
        InteractionCheckCompleted expected = described(new InteractionCheckCompleted(ID, PATIENT.id(), HOSPITAL,
                DOCTOR, CheckTrigger.ISSUE, plannedAtIssue(), List.of(), List.of(), unchecked, CATALOGUE.version(),
                clock.instant()));

        expectIssueRecordingAnIncompleteCheck(expected);
    }

    @Test
    void aDispensingOfAPrescriptionNoCheckRecordedDoesNotNameItselfAsUnchecked() {
        unchecked = new UncheckedCourses(List.of(ID, ISSUED_WHILE_ALERTS_WERE_OFF), List.of());
        RecordedCourse dispensed = amlodipineDispensed(ISSUE_DAY.plusDays(13));

        fixture.given(issued(), accepted(PHARMACY_A))
                .when(dispense(PHARMACY_A, item(1, 14, 14)))
                .expectEvents(dispensed(PHARMACY_A, 1, false, item(1, 14, 14)),
                        new InteractionCheckCompleted(ID, PATIENT.id(), HOSPITAL, DOCTOR, CheckTrigger.DISPENSING,
                                List.of(dispensed), List.of(), List.of(),
                                new UncheckedCourses(List.of(ISSUED_WHILE_ALERTS_WERE_OFF), List.of()),
                                CATALOGUE.version(), clock.instant()));
    }

    /** The issue records {@code expected}, which found nothing and still does not say "nothing found". */
    private void expectIssueRecordingAnIncompleteCheck(InteractionCheckCompleted expected) {
        fixture.givenNoPriorActivity()
                .when(issue())
                .expectEvents(issued(), expected)
                .expectResultMessagePayload(new CommandOutcome(1L, expected, FIRST_CODE));
        assertThat(expected.complete()).as("no alert is not \"nothing found\" here").isFalse();
    }

    private MedicationCourse otherCourseOfADrugTakenOffTheList(LocalDate from, LocalDate to) {
        return new MedicationCourse(OTHER, 1, 1, PATIENT.id(), NOT_IN_CATALOGUE, from, to, CourseStatus.DISPENSED,
                ELSEWHERE, DOCTOR_ELSEWHERE);
    }

    @Test
    void anIssueBesideACourseOfADrugTheCatalogueNoLongerKnowsRecordsThatItCouldNotCompareIt() {
        otherCourses.add(otherCourseOfADrugTakenOffTheList(ISSUE_DAY.minusDays(3), ISSUE_DAY.plusDays(3)));
        InteractionCheckCompleted expected = described(new InteractionCheckCompleted(ID, PATIENT.id(), HOSPITAL,
                DOCTOR, CheckTrigger.ISSUE, plannedAtIssue(), List.of(), List.of(NOT_IN_CATALOGUE),
                CATALOGUE.version(), clock.instant()));

        expectIssueRecordingAnIncompleteCheck(expected);
    }

    @Test
    void aCourseOfAnUnknownDrugInOtherDaysLeavesTheCheckComplete() {
        otherCourses.add(otherCourseOfADrugTakenOffTheList(ISSUE_DAY.plusDays(30), ISSUE_DAY.plusDays(40)));

        fixture.givenNoPriorActivity()
                .when(issue())
                .expectEvents(issued(), check(CheckTrigger.ISSUE, plannedAtIssue(), List.of()));
    }

    @Test
    void dispensingADrugTakenOffTheListSinceItsIssueRecordsThatItsCourseWasNotCompared() {
        otherCourses.add(otherAmlodipine(ISSUE_DAY, ISSUE_DAY.plusDays(20), CourseStatus.DISPENSED));
        PrescribedLine delisted = line(1, NOT_IN_CATALOGUE, 28, 28);

        fixture.given(issued(List.of(delisted), 0, DEFAULT_VALID_UNTIL), accepted(PHARMACY_A))
                .when(dispense(PHARMACY_A, item(1, 28, 28)))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayloadMatching(predicate((CommandOutcome outcome) ->
                        outcome.check().unknownDrugCodes().equals(List.of(NOT_IN_CATALOGUE))
                                && outcome.check().alerts().isEmpty()
                                && !outcome.check().complete()));
    }

    @Test
    void aRetriedIssueAnswersTheCheckRecordedTheFirstTime() {
        MedicationCourse running = otherAmlodipine(ISSUE_DAY, ISSUE_DAY.plusDays(5), CourseStatus.DISPENSED);
        InteractionCheckCompleted first = check(CheckTrigger.ISSUE, plannedAtIssue(),
                List.of(amlodipineAlert(1, ISSUE_DAY, ISSUE_DAY.plusDays(27), running)));

        fixture.given(issued(), first)
                .when(issue())
                .expectNoEvents()
                .expectResultMessagePayload(new CommandOutcome(1L, first, FIRST_CODE));
        assertThat(reads).as("a retry decides nothing again").isEmpty();
    }

    @Test
    void aDispensingThatMovesTheCourseIntoAnOverlapRaisesAnAlert() {
        // issued today for 28 days, the other institution's course starts in 30 days: no overlap at issue
        MedicationCourse later = otherAmlodipine(ISSUE_DAY.plusDays(30), ISSUE_DAY.plusDays(57), CourseStatus.PLANNED);
        otherCourses.add(later);
        Object[] given = {issued(), check(CheckTrigger.ISSUE, plannedAtIssue(), List.of()), accepted(PHARMACY_A)};
        LocalDate dispensingDay = ISSUE_DAY.plusDays(5);
        today(dispensingDay);
        RecordedCourse dispensed = new RecordedCourse(1, 1, AMLODIPINE_BRAND_A, dispensingDay,
                dispensingDay.plusDays(27), CourseStatus.DISPENSED);
        RecordedCourse loxoprofenNeverTaken = new RecordedCourse(2, 1, LOXOPROFEN_TABLET, ISSUE_DAY,
                ISSUE_DAY.plusDays(6), CourseStatus.STOPPED);

        fixture.given(given)
                .when(dispenseCompletingUse(PHARMACY_A, item(1, 28, 28)))
                .expectEvents(dispensed(PHARMACY_A, 1, true, item(1, 28, 28)), completed(),
                        check(CheckTrigger.DISPENSING, List.of(dispensed, loxoprofenNeverTaken),
                                List.of(amlodipineAlert(1, dispensingDay, dispensingDay.plusDays(27), later))));
    }

    @Test
    void aConflictAlreadyRecordedIsNotRaisedAgainAtDispensing() {
        MedicationCourse running = otherAmlodipine(ISSUE_DAY, ISSUE_DAY.plusDays(60), CourseStatus.DISPENSED);
        otherCourses.add(running);
        Object[] given = {issued(), check(CheckTrigger.ISSUE, plannedAtIssue(),
                List.of(amlodipineAlert(1, ISSUE_DAY, ISSUE_DAY.plusDays(27), running))), accepted(PHARMACY_A)};
        RecordedCourse dispensed = amlodipineDispensed(ISSUE_DAY.plusDays(13));

        fixture.given(given)
                .when(dispense(PHARMACY_A, item(1, 14, 14)))
                .expectEvents(dispensed(PHARMACY_A, 1, false, item(1, 14, 14)),
                        check(CheckTrigger.DISPENSING, List.of(dispensed), List.of()));
    }

    @Test
    void aSecondPortionExtendsTheCourseFromItsFirstDayForTheDaysBothSupplied() {
        // 14 days and 14 more supply 28 days from the first day: the second portion's own end (day 23) comes earlier
        expectSecondPortionRecordingLineOnesCourse(ISSUE_DAY.plusDays(10), 14, ISSUE_DAY.plusDays(27));
    }

    @Test
    void aCourseGivenInPortionsConflictsWithACourseStartingAfterTheLastPortionsOwnEnd() {
        // the domain.md example: 14 days on 04-01 and 14 more on 04-10 last to 04-28; the other starts on 04-24
        MedicationCourse fromTheTwentyFourth = otherAmlodipine(ISSUE_DAY.plusDays(23), ISSUE_DAY.plusDays(50),
                CourseStatus.PLANNED);
        otherCourses.add(fromTheTwentyFourth);

        expectSecondPortionRecordingLineOnesCourse(ISSUE_DAY.plusDays(9), 14, ISSUE_DAY.plusDays(27),
                amlodipineAlert(1, ISSUE_DAY, ISSUE_DAY.plusDays(27), fromTheTwentyFourth));
    }

    @Test
    void aLatePortionRunsToItsOwnEndWhenThatComesAfterTheDaysSuppliedFromTheFirstDay() {
        LocalDate twentyDaysLater = ISSUE_DAY.plusDays(20);

        expectSecondPortionRecordingLineOnesCourse(twentyDaysLater, 7, twentyDaysLater.plusDays(6));
    }

    /**
     * After the first 14 days of line 1 went out on the issue day, a second portion of {@code days} handed out on
     * {@code day} records line 1's course from the issue day to {@code end}, and {@code alerts}.
     */
    private void expectSecondPortionRecordingLineOnesCourse(LocalDate day, int days, LocalDate end,
                                                            RecordedAlert... alerts) {
        Object[] given = firstPortionOfFourteenDaysDispensed();
        today(day);

        fixture.given(given)
                .when(dispense(PHARMACY_A, item(1, days, days)))
                .expectEvents(dispensed(PHARMACY_A, 1, false, item(1, days, days)),
                        check(CheckTrigger.DISPENSING, List.of(amlodipineDispensed(end)), List.of(alerts)));
    }

    @Test
    void completingAUseWithARefillLeftChecksTheNextUsesPlannedCourses() {
        Object[] given = {issued(1), check(CheckTrigger.ISSUE, plannedAtIssue(), List.of()), accepted(PHARMACY_A)};
        LocalDate planned = ISSUE_DAY.plusDays(28);
        MedicationCourse atRefillTime = otherAmlodipine(planned.plusDays(5), planned.plusDays(30),
                CourseStatus.DISPENSED);
        otherCourses.add(atRefillTime);

        fixture.given(given)
                .when(dispenseEverything(PHARMACY_A))
                .expectEvents(dispensedEverything(PHARMACY_A, 1), refillScheduled(2, planned),
                        check(CheckTrigger.DISPENSING, List.of(
                                amlodipineDispensed(ISSUE_DAY.plusDays(27)),
                                new RecordedCourse(2, 1, LOXOPROFEN_TABLET, ISSUE_DAY, ISSUE_DAY.plusDays(6),
                                        CourseStatus.DISPENSED),
                                new RecordedCourse(1, 2, AMLODIPINE_BRAND_A, planned, planned.plusDays(27),
                                        CourseStatus.PLANNED),
                                new RecordedCourse(2, 2, LOXOPROFEN_TABLET, planned, planned.plusDays(6),
                                        CourseStatus.PLANNED)),
                                List.of(amlodipineAlert(2, planned, planned.plusDays(27), atRefillTime))));
    }

    @Test
    void completingAUseWithACancellationPendingChecksNoNextUseAndCancelsAfterTheCheck() {
        // no refill follows: the next use's courses are not planned, so nothing is raised about them
        Object[] given = {issued(1), check(CheckTrigger.ISSUE, plannedAtIssue(), List.of()), accepted(PHARMACY_A),
                cancellationRequested(PHARMACY_A)};
        LocalDate wouldHaveBeenPlanned = ISSUE_DAY.plusDays(28);
        otherCourses.add(otherAmlodipine(wouldHaveBeenPlanned.plusDays(5), wouldHaveBeenPlanned.plusDays(30),
                CourseStatus.DISPENSED));

        fixture.given(given)
                .when(dispenseEverything(PHARMACY_A))
                .expectEvents(dispensedEverything(PHARMACY_A, 1),
                        check(CheckTrigger.DISPENSING, List.of(
                                amlodipineDispensed(ISSUE_DAY.plusDays(27)),
                                new RecordedCourse(2, 1, LOXOPROFEN_TABLET, ISSUE_DAY, ISSUE_DAY.plusDays(6),
                                        CourseStatus.DISPENSED)), List.of()),
                        cancelledOnRelease());
    }

    @Test
    void withAlertsOffNothingIsCheckedOrRecorded() {
        var off = new org.axonframework.test.aggregate.AggregateTestFixture<>(Prescription.class);
        off.registerIgnoredField(
                org.eprescription.core.prescription.event.PrescriptionIssued.class, "drugs");
        off.registerInjectableResource(CATALOGUE);
        off.registerInjectableResource(EXCHANGE_CODES);
        off.registerInjectableResource(liveCodes());
        off.registerInjectableResource(clock);
        off.registerInjectableResource(ValidUntilHorizon.DEFAULT);
        off.registerInjectableResource(InteractionChecker.disabled());
        otherCourses.add(otherAmlodipine(ISSUE_DAY, ISSUE_DAY.plusDays(5), CourseStatus.DISPENSED));
        off.givenNoPriorActivity()
                .when(issue())
                .expectEvents(issued())
                .expectResultMessagePayload(issuedOutcome(0L));
        assertThat(reads).isEmpty();
    }

    private static final PrescriptionId THIRD = PrescriptionId.of("22222222-3333-4444-8555-666666666666");

    private static String conflictId(MedicationCourse course) {
        return ConflictIds.of(AMLODIPINE_ALERT, course.prescriptionId() + "|" + course.lineNumber() + "|"
                + course.use());
    }

    private static final org.eprescription.core.ids.AlertId AMLODIPINE_ALERT =
            AlertIds.of(ID, 1, AlertType.SAME_INGREDIENT, "amlodipine");

    @Test
    void anAcknowledgementGivenOnTheDraftCoversOnlyTheConflictsTheDraftShowed() {
        MedicationCourse seenOnDraft = otherAmlodipine(ISSUE_DAY, ISSUE_DAY.plusDays(20), CourseStatus.DISPENSED);
        MedicationCourse issuedSince = new MedicationCourse(THIRD, 1, 1, PATIENT.id(), AMLODIPINE_BRAND_A,
                ISSUE_DAY, ISSUE_DAY.plusDays(27), CourseStatus.PLANNED, ELSEWHERE, DOCTOR_ELSEWHERE);
        otherCourses.add(seenOnDraft);
        otherCourses.add(issuedSince);
        List<AlertAcknowledgement> acks = List.of(new AlertAcknowledgement(AMLODIPINE_ALERT, "agreed with cardiology",
                List.of(conflictId(seenOnDraft))));

        List<Object> events = recorded(fixture.givenNoPriorActivity()
                .when(new IssuePrescription(ID, PATIENT, PRESCRIBER, LINES, 0, null, acks)));

        InteractionCheckCompleted check = (InteractionCheckCompleted) events.get(1);
        assertThat(check.alerts()).singleElement()
                .satisfies(alert -> assertThat(alert.conflicts()).hasSize(2));
        assertThat(events.get(2)).isInstanceOfSatisfying(AlertAcknowledged.class, ack ->
                assertThat(ack.conflictIds()).containsExactly(conflictId(seenOnDraft)));
        assertThat(events).hasSize(3);
    }

    @Test
    void anAcknowledgementThatDoesNotSayWhatItSawCoversTheConflictsFoundAtIssue() {
        MedicationCourse running = otherAmlodipine(ISSUE_DAY, ISSUE_DAY.plusDays(20), CourseStatus.DISPENSED);
        otherCourses.add(running);
        List<AlertAcknowledgement> acks = List.of(new AlertAcknowledgement(AMLODIPINE_ALERT, "agreed"));

        List<Object> events = recorded(fixture.givenNoPriorActivity()
                .when(new IssuePrescription(ID, PATIENT, PRESCRIBER, LINES, 0, null, acks)));

        assertThat(events.get(2)).isInstanceOfSatisfying(AlertAcknowledged.class, ack ->
                assertThat(ack.conflictIds()).containsExactly(conflictId(running)));
    }

    @Test
    void anAcknowledgementOnTheDraftThatSawNoneOfTheConflictsFoundIsNotRecorded() {
        otherCourses.add(otherAmlodipine(ISSUE_DAY, ISSUE_DAY.plusDays(20), CourseStatus.DISPENSED));
        List<AlertAcknowledgement> acks = List.of(new AlertAcknowledgement(AMLODIPINE_ALERT, "agreed",
                List.of("a-conflict-that-is-gone")));

        List<Object> events = recorded(fixture.givenNoPriorActivity()
                .when(new IssuePrescription(ID, PATIENT, PRESCRIBER, LINES, 0, null, acks)));

        assertThat(events).hasSize(2).noneMatch(AlertAcknowledged.class::isInstance);
    }

    @Test
    void acknowledgingLaterCoversTheConflictsTheAlertHasThenAndNamingAnotherIsRefused() {
        MedicationCourse running = otherAmlodipine(ISSUE_DAY, ISSUE_DAY.plusDays(20), CourseStatus.DISPENSED);
        Object[] given = {issued(), check(CheckTrigger.ISSUE, plannedAtIssue(),
                List.of(amlodipineAlert(1, ISSUE_DAY, ISSUE_DAY.plusDays(27), running)))};
        Party doctor = Party.prescriber(DOCTOR, HOSPITAL);

        fixture.given(given)
                .when(new AcknowledgeAlert(ID, AMLODIPINE_ALERT, "monitored", doctor))
                .expectEvents(new AlertAcknowledged(ID, AMLODIPINE_ALERT, "monitored", doctor, clock.instant(),
                        List.of(conflictId(running))));
        expectRefused(fixture.given(given).when(new AcknowledgeAlert(ID, AMLODIPINE_ALERT, "monitored", doctor,
                List.of("not-a-conflict-of-this-alert"))), Refusal.UNKNOWN_CONFLICT);
    }
}

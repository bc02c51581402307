package org.eprescription.core.prescription;

import org.eprescription.core.refusal.Refusal;

import org.eprescription.core.ids.PatientId;
import org.eprescription.core.prescription.command.IssuePrescription;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_BRAND_A;
import static org.eprescription.core.testsupport.SampleDrugs.LOXOPROFEN_TABLET;
import static org.eprescription.core.testsupport.SampleDrugs.NOT_IN_CATALOGUE;

class IssuePrescriptionTest extends PrescriptionTestSupport {

    @Test
    void issuingANewPrescriptionRecordsItAndAnswersVersionZero() {
        fixture.givenNoPriorActivity()
                .when(issue())
                .expectEvents(issued())
                .expectResultMessagePayload(issuedOutcome(0L));
    }

    @Test
    void theIssuedEventCarriesTheKeyedHashOfTheExchangeCodeNeverTheCodeItself() {
        String code = EXCHANGE_CODES.codeFor(ID);
        assertThat(CODE_HASH).isEqualTo(EXCHANGE_CODES.hashFor(ID)).isNotEqualTo(code);

        fixture.givenNoPriorActivity()
                .when(issue())
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate((Object payload) -> payload instanceof PrescriptionIssued issued
                                && issued.exchangeCodeHash().equals(EXCHANGE_CODES.hashFor(ID))
                                && !issued.exchangeCodeHash().contains(code)
                                && !issued.exchangeCodeHash().contains(code.replace("-", ""))),
                        andNoMore())));
    }

    @Test
    void withoutValidUntilThePrescriptionIsValidForThreeDaysAfterTheIssueDate() {
        fixture.givenNoPriorActivity()
                .when(issue(LINES, 0, null))
                .expectEvents(issued(LINES, 0, ISSUE_DAY.plusDays(3)));
    }

    @Test
    void anExplicitValidUntilIsKept() {
        expectIssuedAsAsked(LINES, 0, ISSUE_DAY.plusDays(10));
    }

    @Test
    void validUntilOnTheIssueDayItselfIsAccepted() {
        expectIssuedAsAsked(LINES, 0, ISSUE_DAY);
    }

    @Test
    void theDefaultValidityCountsFromTheClocksDayNotAFixedDate() {
        today(ISSUE_DAY.plusDays(20));
        fixture.givenNoPriorActivity()
                .when(issue())
                .expectEvents(issued(LINES, 0, ISSUE_DAY.plusDays(23)));
    }

    @Test
    void oneAndTwoRefillsAreAllowed() {
        fixture.givenNoPriorActivity().when(issueWithRefills(2)).expectEvents(issued(2));
        setUpFixture();
        fixture.givenNoPriorActivity().when(issueWithRefills(1)).expectEvents(issued(1));
    }

    @Test
    void tenLinesAreAllowed() {
        List<PrescribedLine> ten = numberedLines(10);
        expectIssuedAsAsked(ten, 0, null);
    }

    @Test
    void daysOfSupplyOfOneAndOfThreeHundredSixtyFiveAreAllowed() {
        List<PrescribedLine> lines = List.of(line(1, AMLODIPINE_BRAND_A, 1, 1), line(2, LOXOPROFEN_TABLET, 365, 365));
        expectIssuedAsAsked(lines, 0, null);
    }

    @Test
    void aPrescriptionWithoutLinesIsRefused() {
        expectRefused(fixture.givenNoPriorActivity().when(issue(List.of(), 0, null)), Refusal.INVALID_LINES);
    }

    @Test
    void aPrescriptionWithElevenLinesIsRefused() {
        expectRefused(fixture.givenNoPriorActivity().when(issue(numberedLines(11), 0, null)), Refusal.INVALID_LINES);
    }

    @Test
    void aLineNumberUsedTwiceIsRefused() {
        expectRefused(fixture.givenNoPriorActivity().when(issueWithLines(
                        line(1, AMLODIPINE_BRAND_A, 28, 28), line(1, LOXOPROFEN_TABLET, 21, 7))),
                Refusal.INVALID_LINES);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                 | line | quantity | days
            a line number below one                | 0    | 28       | 28
            zero days of supply                    | 1    | 28       | 0
            three hundred sixty-six days of supply | 1    | 28       | 366
            a zero quantity                        | 1    | 0        | 28
            a negative quantity                    | 1    | -5       | 28
            """)
    void anAmlodipineLineOutsideTheLimitsIsRefused(String invalid, int number, int quantity, int days) {
        expectRefused(fixture.givenNoPriorActivity()
                .when(issueWithLines(line(number, AMLODIPINE_BRAND_A, quantity, days))), Refusal.INVALID_LINES);
    }

    @Test
    void aMissingQuantityIsRefused() {
        PrescribedLine noQuantity = new PrescribedLine(1, AMLODIPINE_BRAND_A, null, "tablet", "as directed", 28);
        expectRefused(fixture.givenNoPriorActivity().when(issueWithLines(noQuantity)), Refusal.INVALID_LINES);
    }

    @Test
    void aDrugCodeMissingFromTheCatalogueIsRefused() {
        expectRefused(fixture.givenNoPriorActivity().when(issueWithLines(
                        line(1, AMLODIPINE_BRAND_A, 28, 28), line(2, NOT_IN_CATALOGUE, 10, 10))),
                Refusal.UNKNOWN_DRUG);
    }

    @Test
    void threeRefillsAreRefused() {
        expectRefused(fixture.givenNoPriorActivity().when(issueWithRefills(3)), Refusal.TOO_MANY_REFILLS);
    }

    @Test
    void negativeRefillsAreRefused() {
        expectRefused(fixture.givenNoPriorActivity().when(issueWithRefills(-1)), Refusal.TOO_MANY_REFILLS);
    }

    @Test
    void validUntilBeforeTheIssueDayIsRefused() {
        expectRefused(fixture.givenNoPriorActivity().when(issue(LINES, 0, ISSUE_DAY.minusDays(1))),
                Refusal.VALID_UNTIL_BEFORE_ISSUE);
    }

    @Test
    void validUntilAtTheHorizonAYearAfterTheIssueDayIsAccepted() {
        expectIssuedAsAsked(LINES, 0, ISSUE_DAY.plusYears(1));
    }

    @Test
    void validUntilADayBeyondTheHorizonIsRefused() {
        expectRefused(fixture.givenNoPriorActivity().when(issue(LINES, 0, ISSUE_DAY.plusYears(1).plusDays(1))),
                Refusal.VALID_UNTIL_BEYOND_HORIZON);
    }

    @Test
    void validUntilDecadesAheadIsRefused() {
        expectRefused(fixture.givenNoPriorActivity().when(issue(LINES, 0, LocalDate.of(2099, 12, 31))),
                Refusal.VALID_UNTIL_BEYOND_HORIZON);
    }

    @Test
    void theHorizonIsTheConfiguredOne() {
        fixture = fixtureWith(new ValidUntilHorizon(Period.ofDays(30)));
        expectIssuedAsAsked(LINES, 0, ISSUE_DAY.plusDays(30));
        fixture = fixtureWith(new ValidUntilHorizon(Period.ofDays(30)));
        expectRefused(fixture.givenNoPriorActivity().when(issue(LINES, 0, ISSUE_DAY.plusDays(31))),
                Refusal.VALID_UNTIL_BEYOND_HORIZON);
    }

    @Test
    void aHorizonShorterThanTheDefaultValidityIsNotAcceptedAsConfiguration() {
        assertThatThrownBy(() -> new ValidUntilHorizon(Period.ofDays(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ValidUntilHorizon(Period.ofYears(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIdenticalRetriedIssueProducesNothingAndAnswersTheSameVersion() {
        fixture.given(issued())
                .when(issue())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(issuedOutcome(0L));
    }

    @Test
    void aRetriedIssueAfterLaterEventsAnswersTheCurrentVersion() {
        fixture.given(issued(), accepted(PHARMACY_A))
                .when(issue())
                .expectNoEvents()
                .expectResultMessagePayload(issuedOutcome(1L));
    }

    @Test
    void aRetryWithoutValidUntilMatchesAnIssueWhoseValidUntilWasExplicit() {
        fixture.given(issued(LINES, 0, ISSUE_DAY.plusDays(10)))
                .when(issue(LINES, 0, null))
                .expectNoEvents()
                .expectResultMessagePayload(issuedOutcome(0L));
    }

    @Test
    void aRetryRepeatingTheExplicitValidUntilMatches() {
        fixture.given(issued(LINES, 0, ISSUE_DAY.plusDays(10)))
                .when(issue(LINES, 0, ISSUE_DAY.plusDays(10)))
                .expectNoEvents()
                .expectResultMessagePayload(issuedOutcome(0L));
    }

    @Test
    void aRetryOnALaterDayStillMatchesTheOriginal() {
        PrescriptionIssued original = issued();
        today(ISSUE_DAY.plusDays(2));
        fixture.given(original)
                .when(issue())
                .expectNoEvents()
                .expectResultMessagePayload(issuedOutcome(0L));
    }

    @Test
    void aRetryWithDifferentLinesUnderTheSameIdIsRefused() {
        expectRefused(fixture.given(issued()).when(issueWithLines(AMLODIPINE_LINE)),
                Refusal.DIFFERENT_ISSUE_UNDER_SAME_ID);
    }

    @Test
    void aRetryWithDifferentRefillsUnderTheSameIdIsRefused() {
        expectRefused(fixture.given(issued()).when(issueWithRefills(1)), Refusal.DIFFERENT_ISSUE_UNDER_SAME_ID);
    }

    @Test
    void aRetryWithADifferentValidUntilUnderTheSameIdIsRefused() {
        expectRefused(fixture.given(issued()).when(issue(LINES, 0, ISSUE_DAY.plusDays(1))),
                Refusal.DIFFERENT_ISSUE_UNDER_SAME_ID);
    }

    @Test
    void aRetryForAnotherPatientUnderTheSameIdIsRefused() {
        PatientDetails otherPatient = new PatientDetails(PatientId.of("patient-2"),
                BIRTH_DATE, "Suzuki Taro");
        expectRefused(fixture.given(issued()).when(
                        new IssuePrescription(ID, otherPatient, PRESCRIBER,
                                LINES, 0, null, List.of())),
                Refusal.DIFFERENT_ISSUE_UNDER_SAME_ID);
    }

    @Test
    void aRetryWithOtherAcknowledgementsUnderTheSameIdIsRefused() {
        expectRefused(fixture.given(issued()).when(
                        new IssuePrescription(ID, PATIENT, PRESCRIBER,
                                LINES, 0, null, List.of(new AlertAcknowledgement(ALERT, "checked")))),
                Refusal.DIFFERENT_ISSUE_UNDER_SAME_ID);
    }

    @Test
    void acknowledgementsGivenOnIssueBecomePartOfTheEvent() {
        List<AlertAcknowledgement> acks = List.of(new AlertAcknowledgement(ALERT, "dose halved"));
        fixture.givenNoPriorActivity()
                .when(new IssuePrescription(ID, PATIENT, PRESCRIBER,
                        LINES, 0, null, acks))
                .expectEvents(new PrescriptionIssued(ID, PATIENT, PRESCRIBER, LINES, 0, DEFAULT_VALID_UNTIL,
                        CODE_HASH, "k1", 0, acks, clock.instant(), clock.today()));
    }

    private static List<PrescribedLine> numberedLines(int count) {
        List<PrescribedLine> lines = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            lines.add(line(i, AMLODIPINE_BRAND_A, 28, 28));
        }
        return lines;
    }
}

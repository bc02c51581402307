package org.eprescription.core.prescription;

import org.eprescription.core.prescription.command.CorrectDispensing;
import org.eprescription.core.prescription.command.DispensePrescription;
import org.eprescription.core.prescription.event.DispensingCorrected;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;

/**
 * A dispensing and its correction record the most days a course of what they hand out may run ({@code courseDays}):
 * the longest of the use's lines' days, whatever days the items say, because a course lasts as long as its quantity
 * covers, up to its line's days (docs/domain.md, "Courses"). What a dispensing moved without a check stays unchecked
 * that long (docs/alerts.md, "After alerts were switched off").
 */
class DispensedCourseDaysTest extends PrescriptionTestSupport {

    @Test
    void aDispensingRecordedAsOneDayRecordsTheLongestLinesDays() {
        // all 28 tablets of the 28-day amlodipine line, recorded as 1 day: the course runs 28 days
        fixture.given(issued(), accepted(PHARMACY_A))
                .when(new DispensePrescription(ID, PHARMACY_A, pharmacistOf(PHARMACY_A), List.of(item(1, 28, 1)),
                        false))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate((PrescriptionDispensed dispensed) -> Integer.valueOf(28)
                                .equals(dispensed.courseDays())),
                        andNoMore())));
    }

    @Test
    void aCorrectionRecordsTheLongestLinesDaysToo() {
        fixture.given(issued(), accepted(PHARMACY_A), dispensed(PHARMACY_A, 1, false, item(1, 14, 14)))
                .when(new CorrectDispensing(ID, PHARMACY_A, pharmacistOf(PHARMACY_A), 1, "entered as 1 day",
                        List.of(item(1, 28, 1))))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate((DispensingCorrected corrected) -> Integer.valueOf(28)
                                .equals(corrected.courseDays())),
                        andNoMore())));
    }

    @Test
    void anAsNeededLineCountsFourteenDays() {
        assertCourseDays(14, List.of(new PrescribedLine(1, AMLODIPINE_LINE.drugCode(), AMLODIPINE_LINE.quantity(),
                "tablet", "1 tablet when needed", 60, true)));
        assertCourseDays(28, List.of(AMLODIPINE_LINE, LOXOPROFEN_LINE));
    }

    private static void assertCourseDays(int expected, List<PrescribedLine> lines) {
        java.util.Map<Integer, PrescribedLine> byNumber = new java.util.LinkedHashMap<>();
        lines.forEach(line -> byNumber.put(line.lineNumber(), line));
        org.assertj.core.api.Assertions.assertThat(Prescription.courseDays(byNumber)).isEqualTo(expected);
    }
}

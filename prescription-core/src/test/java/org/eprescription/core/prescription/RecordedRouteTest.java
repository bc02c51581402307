package org.eprescription.core.prescription;

import org.axonframework.test.aggregate.ResultValidator;
import org.eprescription.core.catalogue.Drug;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.catalogue.DrugDescriptions;
import org.eprescription.core.catalogue.Route;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.InteractionChecker;
import org.eprescription.core.interaction.InteractionRules;
import org.eprescription.core.interaction.RecordedCourse;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.core.prescription.event.PrescriberQueried;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.eprescription.core.prescription.event.RefillScheduled;
import org.eprescription.core.testsupport.ListedCourses;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.core.testsupport.RecordedEvents.recorded;
import static org.eprescription.core.testsupport.RecordedEvents.the;
import static org.eprescription.core.testsupport.SampleDrugs.CATALOGUE;
import static org.eprescription.core.testsupport.SampleDrugs.LOXOPROFEN_PATCH;

/**
 * A topical drug's course counts 14 days (docs/domain.md, "Courses") by the route the events that brought the drug in
 * recorded, not by today's catalogue: a drug delisted, or whose route a later catalogue changed, keeps the course
 * length its issue or dispensing judged, in the refill's next use and in a later portion's course alike. Only an
 * event recorded before events described their drugs is read by today's catalogue.
 */
class RecordedRouteTest extends PrescriptionTestSupport {

    /** The loxoprofen patch (topical), refills allowed so that a refill prescription of it may be issued. */
    private static final Drug TOPICAL_PATCH = patch(Route.TOPICAL);
    /** The catalogue of the issue day: {@link #TOPICAL_PATCH}. */
    private static final DrugCatalogue AT_ISSUE = catalogueWith(TOPICAL_PATCH);
    /** A later catalogue that delisted the patch. */
    private static final DrugCatalogue DELISTED = catalogueWith(null);
    /** A later catalogue that lists the patch as oral: counted so, its course would last its days of supply. */
    private static final DrugCatalogue ROUTE_CHANGED = catalogueWith(patch(Route.ORAL));

    /** Line 1: 7 patches for 7 days; topical, its course counts 14 days. */
    private static final PrescribedLine PATCH_LINE = line(1, LOXOPROFEN_PATCH, 7, 7);

    private DrugCatalogue checkedWith = AT_ISSUE;

    private static Drug patch(Route route) {
        Drug drug = CATALOGUE.find(LOXOPROFEN_PATCH).orElseThrow();
        return new Drug(drug.code(), drug.name(), drug.ingredients(), route, drug.classCode(), drug.className(),
                drug.unit(), drug.strengths(), drug.dosageForm(), drug.formGroup(), true, drug.maxDays(),
                drug.nameJa());
    }

    private static DrugCatalogue catalogueWith(Drug patch) {
        return new DrugCatalogue(Stream.of(patch).filter(Objects::nonNull).toList(), CATALOGUE.contraindicatedPairs());
    }

    @Override
    InteractionChecker checker() {
        return new InteractionChecker(new InteractionRules(checkedWith, false), ListedCourses.none());
    }

    /** The issue of the patch line as recorded under {@link #AT_ISSUE}: the patch described as topical. */
    private PrescriptionIssued issuedDescribed(int refills) {
        return issuedDescribed(List.of(PATCH_LINE), refills);
    }

    private PrescriptionIssued issuedDescribed(List<PrescribedLine> lines, int refills) {
        PrescriptionIssued plain = issued(lines, refills, DEFAULT_VALID_UNTIL);
        return new PrescriptionIssued(plain.prescriptionId(), plain.patient(), plain.prescriber(), plain.lines(),
                plain.refills(), plain.validUntil(), plain.exchangeCodeHash(), plain.exchangeCodeKeyId(),
                plain.exchangeCodeAttempt(), plain.acknowledgedAlerts(), plain.issuedAt(), plain.issuedOn(),
                DrugDescriptions.of(List.of(LOXOPROFEN_PATCH), AT_ISSUE));
    }

    private ResultValidator<Prescription> dispensedUnder(DrugCatalogue today, Object[] given, DispensedItem item) {
        checkedWith = today;
        return fixtureWith(today).given(given).when(dispense(PHARMACY_A, item));
    }

    private static RecordedCourse course(int use, LocalDate from, LocalDate to, CourseStatus status) {
        return new RecordedCourse(1, use, LOXOPROFEN_PATCH, from, to, status);
    }

    @Test
    void theRefillsNextUsePlansADelistedTopicalDrugForTheFourteenDaysItsIssueRecorded() {
        expectNextUseKeepsTheIssuesRoute(DELISTED);
    }

    @Test
    void theRefillsNextUsePlansATopicalDrugWhoseRouteChangedForTheFourteenDaysItsIssueRecorded() {
        expectNextUseKeepsTheIssuesRoute(ROUTE_CHANGED);
    }

    private void expectNextUseKeepsTheIssuesRoute(DrugCatalogue later) {
        LocalDate planned = ISSUE_DAY.plusDays(7);

        List<Object> events = recorded(dispensedUnder(later,
                new Object[]{issuedDescribed(1), accepted(PHARMACY_A)}, item(1, 7, 7)));

        assertThat(the(InteractionCheckCompleted.class, events).courses()).containsExactly(
                course(1, ISSUE_DAY, ISSUE_DAY.plusDays(13), CourseStatus.DISPENSED),
                course(2, planned, planned.plusDays(13), CourseStatus.PLANNED));
        assertThat(the(RefillScheduled.class, events).plannedDate()).isEqualTo(planned);
        assertThat(the(RefillScheduled.class, events).courseDays()).isEqualTo(14);
    }

    @Test
    void aLaterPortionKeepsTheFirstPortionsCourseAsItsDispensingRecordedTheDrug() {
        // the issue from before events described their drugs; the first portion named the patch, described topical
        PrescriptionDispensed firstPortion = new PrescriptionDispensed(ID, PHARMACY_A, pharmacistOf(PHARMACY_A), 1,
                List.of(itemOf(1, LOXOPROFEN_PATCH, 3, 3)), false, clock.instant(), ISSUE_DAY,
                List.of(new LineQuantity(1, qty(3))), List.of(),
                DrugDescriptions.of(List.of(LOXOPROFEN_PATCH), AT_ISSUE));
        Object[] given = {issued(List.of(PATCH_LINE), 0, DEFAULT_VALID_UNTIL), accepted(PHARMACY_A), firstPortion};
        today(ISSUE_DAY.plusDays(4));

        // the first portion's course ran 14 days from the issue day; the second (now read as oral) cannot shorten it
        List<Object> events = recorded(dispensedUnder(ROUTE_CHANGED, given, item(1, 4, 4)));

        assertThat(the(InteractionCheckCompleted.class, events).courses()).containsExactly(
                course(1, ISSUE_DAY, ISSUE_DAY.plusDays(13), CourseStatus.DISPENSED));
    }

    @Test
    void aPrescriptionIssuedBeforeEventsDescribedTheirDrugsIsCountedByTodaysCatalogue() {
        // nothing recorded how the patch was described: today's catalogue lists it as oral, 7 days
        LocalDate planned = ISSUE_DAY.plusDays(7);

        List<Object> events = recorded(dispensedUnder(ROUTE_CHANGED,
                new Object[]{issued(List.of(PATCH_LINE), 1, DEFAULT_VALID_UNTIL), accepted(PHARMACY_A)},
                item(1, 7, 7)));

        assertThat(the(InteractionCheckCompleted.class, events).courses()).containsExactly(
                course(1, ISSUE_DAY, ISSUE_DAY.plusDays(6), CourseStatus.DISPENSED),
                course(2, planned, planned.plusDays(6), CourseStatus.PLANNED));
    }

    @Test
    void anAmendmentComparesAnUnchangedTopicalLineForTheFourteenDaysItsIssueRecorded() {
        // issued while alerts were off: line 1 has no recorded course, the amendment's check plans it again
        PrescribedLine shortPatch = line(2, LOXOPROFEN_PATCH, 3, 3);
        PrescribedLine longerPatch = line(2, LOXOPROFEN_PATCH, 7, 7);
        Object[] given = {issuedDescribed(List.of(PATCH_LINE, shortPatch), 0), accepted(PHARMACY_A),
                new PrescriberQueried(ID, PrescriberQueryTest.QUERY, PHARMACY_A, pharmacistOf(PHARMACY_A), 1,
                        PrescriberQueryTest.QUESTION, List.of(longerPatch), clock.instant())};
        LocalDate today = ISSUE_DAY.plusDays(1);
        today(today);
        checkedWith = ROUTE_CHANGED;

        List<Object> events = recorded(fixtureWith(ROUTE_CHANGED).given(given)
                .when(PrescriberQueryTest.answer(true)));

        InteractionCheckCompleted check = the(InteractionCheckCompleted.class, events);
        assertThat(check.courses()).containsExactly(new RecordedCourse(2, 1, LOXOPROFEN_PATCH, today,
                today.plusDays(13), CourseStatus.PLANNED));
        assertThat(check.alerts()).singleElement().satisfies(alert -> assertThat(alert.conflicts())
                .singleElement().satisfies(line1 -> {
                    assertThat(line1.lineNumber()).isEqualTo(1);
                    assertThat(line1.to()).as("line 1's course as its issue recorded the patch")
                            .isEqualTo(today.plusDays(13));
                }));
    }
}

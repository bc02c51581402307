package org.eprescription.core.interaction;

import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.refusal.PrescriptionRefusedException;
import org.eprescription.core.refusal.Refusal;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eprescription.core.testsupport.SampleDrugs.CATALOGUE;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_BRAND_A;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_GENERIC_C;
import static org.eprescription.core.testsupport.SampleDrugs.VALSARTAN_AMLODIPINE;
import static org.eprescription.core.testsupport.SampleDrugs.LOXOPROFEN_TABLET;
import static org.eprescription.core.testsupport.SampleDrugs.LOXOPROFEN_PATCH;
import static org.eprescription.core.testsupport.SampleDrugs.ZOLPIDEM_5;
import static org.eprescription.core.testsupport.SampleDrugs.ZOLPIDEM_5_GENERIC;
import static org.eprescription.core.testsupport.SampleDrugs.TRIAZOLAM;
import static org.eprescription.core.testsupport.SampleDrugs.BROTIZOLAM;
import static org.eprescription.core.testsupport.SampleDrugs.ITRACONAZOLE;
import static org.eprescription.core.testsupport.SampleDrugs.METFORMIN;
import static org.eprescription.core.testsupport.SampleDrugs.NOT_IN_CATALOGUE;

/** docs/domain.md, "Duplicate and interaction alerts", rule by rule, on the bundled sample catalogue. */
class InteractionRulesTest {

    static final PatientId PATIENT = PatientId.of("PAT-0001");
    static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    /** The institution and prescriber of the prescription being checked, where a test names them. */
    static final InstitutionId HOSPITAL = InstitutionId.of("HOSP-3");
    static final PrescriberId DOCTOR = PrescriberId.of("DOC-17");

    private final InteractionRules rules = new InteractionRules(CATALOGUE, false);
    private final PrescriptionId newPrescription = PrescriptionId.random();

    static MedicationCourse course(DrugCode drug, LocalDate from, int days) {
        return course(PrescriptionId.random(), drug, from, days, CourseStatus.DISPENSED);
    }

    static MedicationCourse course(PrescriptionId id, DrugCode drug, LocalDate from, int days, CourseStatus status) {
        return new MedicationCourse(id, 1, 1, PATIENT, drug, from, from.plusDays(days - 1L), status,
                InstitutionId.of("HOSP-1"), PrescriberId.of("DOC-1"));
    }

    static CandidateLine line(int number, DrugCode drug, LocalDate from, int days) {
        return new CandidateLine(number, drug, from, from.plusDays(days - 1L));
    }

    private List<Finding> check(List<CandidateLine> lines, MedicationCourse... existing) {
        return rules.check(newPrescription, lines, List.of(existing));
    }

    @Test
    void aBrandAndAGenericOfOneIngredientAreTheSameIngredient() {
        MedicationCourse brand = course(AMLODIPINE_BRAND_A, DAY, 28);

        List<Finding> findings = check(List.of(line(1, AMLODIPINE_GENERIC_C, DAY.plusDays(10), 28)), brand);

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.type()).isEqualTo(AlertType.SAME_INGREDIENT);
            assertThat(finding.severity()).isEqualTo(Severity.HIGH);
            assertThat(finding.key()).isEqualTo("amlodipine");
            assertThat(finding.ingredient()).isEqualTo("amlodipine");
            assertThat(finding.lineNumber()).isEqualTo(1);
            assertThat(finding.drugCode()).isEqualTo(AMLODIPINE_GENERIC_C);
            assertThat(finding.conflicts()).containsExactly(brand);
        });
    }

    @Test
    void theSameCodeIsOneSameIngredientAlertNotASecondKindOfAlert() {
        MedicationCourse existing = course(AMLODIPINE_BRAND_A, DAY, 28);

        List<Finding> findings = check(List.of(line(1, AMLODIPINE_BRAND_A, DAY, 28)), existing);

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.type()).isEqualTo(AlertType.SAME_INGREDIENT);
            assertThat(finding.key()).isEqualTo("amlodipine");
            assertThat(finding.ingredient()).isEqualTo("amlodipine");
            assertThat(finding.conflicts()).containsExactly(existing);
        });
    }

    @Test
    void twelveCoursesOfTwoProductsOfOneHypnoticAreOneAlertWithTwelveConflicts() {
        List<MedicationCourse> sources = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sources.add(new MedicationCourse(PrescriptionId.random(), 1, 1, PATIENT,
                    i % 2 == 0 ? ZOLPIDEM_5 : ZOLPIDEM_5_GENERIC, DAY.minusDays(i), DAY.plusDays(10),
                    CourseStatus.DISPENSED, InstitutionId.of("HOSP-" + i), PrescriberId.of("DOC-" + i)));
        }

        List<Finding> findings = check(List.of(line(1, ZOLPIDEM_5, DAY, 14)), sources.toArray(MedicationCourse[]::new));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.type()).isEqualTo(AlertType.SAME_INGREDIENT);
            assertThat(finding.key()).isEqualTo("zolpidem");
            assertThat(finding.conflicts()).hasSize(12).containsExactlyInAnyOrderElementsOf(sources);
        });
    }

    @Test
    void aCombinationProductSharesItsIngredientWithASingleIngredientProduct() {
        MedicationCourse amlodipine = course(AMLODIPINE_BRAND_A, DAY, 28);

        List<Finding> findings = check(List.of(line(1, VALSARTAN_AMLODIPINE, DAY, 28)), amlodipine);

        assertThat(findings).extracting(Finding::type, Finding::key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertType.SAME_INGREDIENT, "amlodipine"));
    }

    @Test
    void theSameIngredientByAnotherRouteIsNoDuplicate() {
        assertThat(check(List.of(line(1, LOXOPROFEN_PATCH, DAY, 7)), course(LOXOPROFEN_TABLET, DAY, 7))).isEmpty();
        assertThat(check(List.of(line(1, LOXOPROFEN_TABLET, DAY, 7)), course(LOXOPROFEN_PATCH, DAY, 7))).isEmpty();
    }

    @Test
    void aContraindicatedPairAlertsWhicheverSideEachDrugIsOn() {
        List<Finding> triazolamAfterItraconazole =
                check(List.of(line(1, TRIAZOLAM, DAY, 14)), course(ITRACONAZOLE, DAY, 14));
        List<Finding> itraconazoleAfterTriazolam =
                check(List.of(line(1, ITRACONAZOLE, DAY, 14)), course(TRIAZOLAM, DAY, 14));

        for (List<Finding> findings : List.of(triazolamAfterItraconazole, itraconazoleAfterTriazolam)) {
            assertThat(findings).singleElement().satisfies(finding -> {
                assertThat(finding.type()).isEqualTo(AlertType.CONTRAINDICATED);
                assertThat(finding.severity()).isEqualTo(Severity.HIGH);
                assertThat(finding.key()).isEqualTo("itraconazole+triazolam");
                assertThat(finding.ingredient()).isEqualTo("itraconazole+triazolam");
            });
        }
    }

    @Test
    void periodsThatTouchOverlapBecauseTheEndDayCounts() {
        MedicationCourse endsOnThe20th = course(AMLODIPINE_BRAND_A, DAY.minusDays(27), 28);
        assertThat(endsOnThe20th.to()).isEqualTo(DAY);

        assertThat(check(List.of(line(1, AMLODIPINE_BRAND_A, DAY, 28)), endsOnThe20th)).hasSize(1);
    }

    @Test
    void periodsThatDoNotOverlapDoNotConflict() {
        MedicationCourse endsTheDayBefore = course(AMLODIPINE_BRAND_A, DAY.minusDays(28), 28);
        MedicationCourse startsTheDayAfter = course(AMLODIPINE_BRAND_A, DAY.plusDays(28), 28);

        assertThat(check(List.of(line(1, AMLODIPINE_BRAND_A, DAY, 28)), endsTheDayBefore, startsTheDayAfter)).isEmpty();
    }

    @Test
    void aStoppedCourseNoLongerCounts() {
        MedicationCourse stopped = course(PrescriptionId.random(), AMLODIPINE_BRAND_A, DAY, 28, CourseStatus.STOPPED);

        assertThat(check(List.of(line(1, AMLODIPINE_BRAND_A, DAY, 28)), stopped)).isEmpty();
    }

    @Test
    void aPlannedCourseCountsLikeADispensedOne() {
        MedicationCourse planned = course(PrescriptionId.random(), AMLODIPINE_BRAND_A, DAY, 28, CourseStatus.PLANNED);

        assertThat(check(List.of(line(1, AMLODIPINE_BRAND_A, DAY, 28)), planned)).hasSize(1);
    }

    @Test
    void aPrescriptionIsNeverCheckedAgainstItsOwnCourses() {
        MedicationCourse ownCourse = course(newPrescription, AMLODIPINE_BRAND_A, DAY, 28, CourseStatus.PLANNED);

        assertThat(check(List.of(line(1, AMLODIPINE_BRAND_A, DAY, 28)), ownCourse)).isEmpty();
    }

    @Test
    void linesOfOnePrescriptionAreCheckedAgainstEachOtherOnceOnTheLaterLine() {
        List<Finding> findings = rules.check(newPrescription, PATIENT, HOSPITAL, DOCTOR,
                List.of(line(2, AMLODIPINE_GENERIC_C, DAY, 28), line(1, AMLODIPINE_BRAND_A, DAY, 28)), List.of());

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.lineNumber()).isEqualTo(2);
            assertThat(finding.type()).isEqualTo(AlertType.SAME_INGREDIENT);
            assertThat(finding.conflicts()).containsExactly(new MedicationCourse(newPrescription, 1, 1, PATIENT,
                    AMLODIPINE_BRAND_A, DAY, DAY.plusDays(27), CourseStatus.PLANNED, HOSPITAL, DOCTOR));
        });
    }

    @Test
    void anEarlierLineOfAnotherUseIsNamedAsTheCourseOfThatUse() {
        List<Finding> findings = rules.check(newPrescription, PATIENT, HOSPITAL, DOCTOR,
                List.of(new CandidateLine(1, 2, AMLODIPINE_BRAND_A, DAY, DAY.plusDays(27)),
                        new CandidateLine(2, 2, AMLODIPINE_GENERIC_C, DAY, DAY.plusDays(27))), List.of());

        assertThat(findings).singleElement().satisfies(finding -> assertThat(finding.conflicts())
                .containsExactly(new MedicationCourse(newPrescription, 1, 2, PATIENT, AMLODIPINE_BRAND_A, DAY,
                        DAY.plusDays(27), CourseStatus.PLANNED, HOSPITAL, DOCTOR)));
    }

    @Test
    void twentyNineSourcesOfOneHypnoticMakeOneFindingNamingThemAll() {
        List<MedicationCourse> sources = new ArrayList<>();
        for (int i = 0; i < 29; i++) {
            sources.add(new MedicationCourse(PrescriptionId.random(), 1, 1, PATIENT, ZOLPIDEM_5, DAY.minusDays(i % 7),
                    DAY.plusDays(20), CourseStatus.DISPENSED, InstitutionId.of("PHARM-" + i), PrescriberId.of("DOC-" + i)));
        }

        List<Finding> findings = check(List.of(line(1, ZOLPIDEM_5, DAY, 14)), sources.toArray(MedicationCourse[]::new));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.type()).isEqualTo(AlertType.SAME_INGREDIENT);
            assertThat(finding.conflicts()).hasSize(29).containsExactlyInAnyOrderElementsOf(sources)
                    .isSortedAccordingTo(MedicationCourse.STABLE_ORDER);
        });
    }

    @Test
    void theConflictsComeInAStableOrderWhateverTheOrderGiven() {
        List<MedicationCourse> sources = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sources.add(course(AMLODIPINE_BRAND_A, DAY.minusDays(i), 28));
        }
        List<Finding> forward = check(List.of(line(1, AMLODIPINE_BRAND_A, DAY, 28)),
                sources.toArray(MedicationCourse[]::new));
        List<MedicationCourse> reversed = new ArrayList<>(sources);
        java.util.Collections.reverse(reversed);
        List<Finding> backward = check(List.of(line(1, AMLODIPINE_BRAND_A, DAY, 28)),
                reversed.toArray(MedicationCourse[]::new));

        assertThat(forward).isEqualTo(backward);
        assertThat(forward.get(0).conflicts()).extracting(MedicationCourse::from).isSorted();
    }

    @Test
    void oneFindingPerCommonIngredient() {
        // valsartan+amlodipine against valsartan+amlodipine under another code would share two ingredients;
        // the sample has amlodipine+atorvastatin: one common ingredient with the valsartan combination
        List<Finding> findings = check(List.of(line(1, VALSARTAN_AMLODIPINE, DAY, 28)),
                course(DrugCode.of("2190103F1020"), DAY, 28), course(DrugCode.of("2149041F2024"), DAY, 28));

        assertThat(findings).extracting(Finding::type, Finding::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertType.SAME_INGREDIENT, "amlodipine"),
                org.assertj.core.groups.Tuple.tuple(AlertType.SAME_INGREDIENT, "valsartan"));
    }

    @Test
    void theSameClassIsOffByDefault() {
        assertThat(check(List.of(line(1, TRIAZOLAM, DAY, 14)), course(BROTIZOLAM, DAY, 14))).isEmpty();
    }

    @Test
    void theSameClassIsAModerateFindingWhenEnabled() {
        InteractionRules withClass = new InteractionRules(CATALOGUE, true);

        List<Finding> findings = withClass.check(newPrescription, List.of(line(1, TRIAZOLAM, DAY, 14)),
                List.of(course(BROTIZOLAM, DAY, 14)));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.type()).isEqualTo(AlertType.SAME_CLASS);
            assertThat(finding.severity()).isEqualTo(Severity.MODERATE);
            assertThat(finding.key()).isEqualTo("1124");
            assertThat(finding.ingredient()).isNull();
        });
    }

    @Test
    void theSameClassNeverAddsToACommonIngredient() {
        InteractionRules withClass = new InteractionRules(CATALOGUE, true);

        List<Finding> findings = withClass.check(newPrescription, List.of(line(1, AMLODIPINE_GENERIC_C, DAY, 14)),
                List.of(course(AMLODIPINE_BRAND_A, DAY, 14)));

        assertThat(findings).extracting(Finding::type).containsExactly(AlertType.SAME_INGREDIENT);
    }

    @Test
    void unrelatedDrugsDoNotConflict() {
        assertThat(check(List.of(line(1, METFORMIN, DAY, 28)), course(AMLODIPINE_BRAND_A, DAY, 28))).isEmpty();
    }

    @Test
    void alertIdsAreDeterministicFromWhatTheAlertLinks() {
        MedicationCourse existing = course(AMLODIPINE_BRAND_A, DAY, 28);

        List<Finding> first = check(List.of(line(1, AMLODIPINE_GENERIC_C, DAY, 28)), existing);
        List<Finding> second = check(List.of(line(1, AMLODIPINE_GENERIC_C, DAY, 28)), existing);

        AlertId expected = AlertId.of(UUID.nameUUIDFromBytes(("alert|" + newPrescription + "|1|SAME_INGREDIENT|amlodipine")
                .getBytes(StandardCharsets.UTF_8)).toString());
        assertThat(first.get(0).alertId()).isEqualTo(expected).isEqualTo(second.get(0).alertId());
        assertThat(AlertIds.of(newPrescription, 1, AlertType.SAME_INGREDIENT, "amlodipine")).isEqualTo(expected);
        assertThat(AlertIds.of(PrescriptionId.random(), 1, AlertType.SAME_INGREDIENT, "amlodipine")).isNotEqualTo(expected);
        assertThat(AlertIds.of(newPrescription, 2, AlertType.SAME_INGREDIENT, "amlodipine")).isNotEqualTo(expected);
    }

    @Test
    void aLineWithADrugTheCatalogueLacksIsRefused() {
        assertThatThrownBy(() -> check(List.of(line(1, NOT_IN_CATALOGUE, DAY, 7))))
                .isInstanceOf(PrescriptionRefusedException.class)
                .satisfies(e -> assertThat(((PrescriptionRefusedException) e).refusal()).isEqualTo(Refusal.UNKNOWN_DRUG));
    }

    @Test
    void aCourseOfADrugTheCatalogueNoLongerKnowsFindsNothingButIsNamedAsNotCompared() {
        MedicationCourse unknown = course(NOT_IN_CATALOGUE, DAY, 7);
        MedicationCourse unknownLater = course(NOT_IN_CATALOGUE, DAY.plusDays(30), 7);
        List<CandidateLine> lines = List.of(line(1, AMLODIPINE_BRAND_A, DAY, 7));

        assertThat(check(lines, unknown)).isEmpty();
        assertThat(rules.unknownDrugCodes(CourseSource.of(newPrescription), lines, List.of(unknown, unknownLater)))
                .containsExactly(NOT_IN_CATALOGUE);
        assertThat(rules.unknownDrugCodes(CourseSource.of(newPrescription), lines, List.of(unknownLater)))
                .as("a course in other days could not have conflicted").isEmpty();
    }

    @Test
    void aTopicalDrugCountsFourteenDaysWhateverItsDaysOfSupply() {
        CoursePeriod patch = CoursePeriod.of(DAY, 3, CATALOGUE.find(LOXOPROFEN_PATCH).orElseThrow(), false);
        CoursePeriod tablet = CoursePeriod.of(DAY, 3, CATALOGUE.find(LOXOPROFEN_TABLET).orElseThrow(), false);

        assertThat(patch).isEqualTo(new CoursePeriod(DAY, DAY.plusDays(13)));
        assertThat(tablet).isEqualTo(new CoursePeriod(DAY, DAY.plusDays(2)));
    }

    @Test
    void aTopicalCourseConflictsWithinItsFourteenDays() {
        CoursePeriod patch = CoursePeriod.of(DAY, 1, CATALOGUE.find(LOXOPROFEN_PATCH).orElseThrow(), false);
        MedicationCourse existing = new MedicationCourse(PrescriptionId.random(), 1, 1, PATIENT, LOXOPROFEN_PATCH,
                patch.from(), patch.to(), CourseStatus.DISPENSED, null, null);

        assertThat(check(List.of(line(1, LOXOPROFEN_PATCH, DAY.plusDays(13), 1)), existing)).hasSize(1);
        assertThat(check(List.of(line(1, LOXOPROFEN_PATCH, DAY.plusDays(14), 1)), existing)).isEmpty();
    }

    @Test
    void overlapIsSymmetricAndInclusive() {
        CoursePeriod a = new CoursePeriod(DAY, DAY.plusDays(5));
        CoursePeriod touching = new CoursePeriod(DAY.plusDays(5), DAY.plusDays(9));
        CoursePeriod after = new CoursePeriod(DAY.plusDays(6), DAY.plusDays(9));

        assertThat(a.overlaps(touching)).isTrue();
        assertThat(touching.overlaps(a)).isTrue();
        assertThat(a.overlaps(after)).isFalse();
        assertThat(after.overlaps(a)).isFalse();
    }

    @Test
    void severitiesFollowTheTable() {
        assertThat(AlertType.SAME_DRUG.severity()).isEqualTo(Severity.HIGH);
        assertThat(AlertType.SAME_INGREDIENT.severity()).isEqualTo(Severity.HIGH);
        assertThat(AlertType.CONTRAINDICATED.severity()).isEqualTo(Severity.HIGH);
        assertThat(AlertType.SAME_CLASS.severity()).isEqualTo(Severity.MODERATE);
    }
}

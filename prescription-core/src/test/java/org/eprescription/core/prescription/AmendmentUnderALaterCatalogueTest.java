package org.eprescription.core.prescription;

import org.eprescription.core.catalogue.Drug;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.prescription.event.PrescriberQueried;
import org.eprescription.core.prescription.event.PrescriptionAmended;
import org.eprescription.core.prescription.event.QueryAnswered;
import org.eprescription.core.refusal.Refusal;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.eprescription.core.prescription.PrescriberQueryTest.QUERY;
import static org.eprescription.core.prescription.PrescriberQueryTest.QUESTION;
import static org.eprescription.core.prescription.PrescriberQueryTest.SHORTER_LOXOPROFEN;
import static org.eprescription.core.prescription.PrescriberQueryTest.answer;
import static org.eprescription.core.prescription.PrescriberQueryTest.ask;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_BRAND_A;
import static org.eprescription.core.testsupport.SampleDrugs.CATALOGUE;
import static org.eprescription.core.testsupport.SampleDrugs.LOXOPROFEN_TABLET;

/**
 * An amendment judges the lines it changes by the catalogue of its day, and leaves the others as their issue decided
 * them (docs/domain.md, "A query to the prescriber"): a drug of an unchanged line that a later catalogue delisted, or
 * whose longest supply or refill permission it tightened, never refuses a change to another line.
 */
class AmendmentUnderALaterCatalogueTest extends PrescriptionTestSupport {

    /** The two drugs of the sample prescription, amlodipine and loxoprofen, as a later catalogue lists them. */
    private static DrugCatalogue laterCatalogue(Drug amlodipine, Drug loxoprofen) {
        return new DrugCatalogue(Stream.of(amlodipine, loxoprofen).filter(Objects::nonNull).toList(),
                CATALOGUE.contraindicatedPairs());
    }

    private static Drug asListed(DrugCode code) {
        return CATALOGUE.find(code).orElseThrow();
    }

    private static Drug withLimits(DrugCode code, boolean refillAllowed, Integer maxDays) {
        Drug drug = asListed(code);
        return new Drug(drug.code(), drug.name(), drug.ingredients(), drug.route(), drug.classCode(),
                drug.className(), drug.unit(), drug.strengths(), drug.dosageForm(), drug.formGroup(), refillAllowed,
                maxDays, drug.nameJa());
    }

    private PrescriberQueried queried(PharmacyId pharmacy, PrescribedLine proposed) {
        return new PrescriberQueried(ID, QUERY, pharmacy, pharmacistOf(pharmacy), 1, QUESTION, List.of(proposed),
                clock.instant());
    }

    private QueryAnswered answered(boolean accepted) {
        return new QueryAnswered(ID, QUERY, HOSPITAL, DOCTOR, "agreed", accepted, clock.instant());
    }

    private PrescriptionAmended amended(List<PrescribedLine> lines, Integer... changed) {
        return new PrescriptionAmended(ID, QUERY, HOSPITAL, DOCTOR, lines, List.of(changed), clock.instant(),
                clock.today(), clock.today());
    }

    private void expectAmended(DrugCatalogue later, int refills) {
        fixtureWith(later)
                .given(issued(refills), accepted(PHARMACY_A), queried(PHARMACY_A, SHORTER_LOXOPROFEN))
                .when(answer(true))
                .expectEvents(answered(true),
                        amended(List.of(AMLODIPINE_LINE, SHORTER_LOXOPROFEN), 2));
    }

    private void expectAnswerRefused(DrugCatalogue later, int refills, Refusal refusal) {
        expectRefused(fixtureWith(later)
                .given(issued(refills), accepted(PHARMACY_A), queried(PHARMACY_A, SHORTER_LOXOPROFEN))
                .when(answer(true)), refusal);
    }

    @Test
    void anUnchangedLineWhoseDrugWasDelistedSinceTheIssueDoesNotRefuseTheChangeOfAnotherLine() {
        expectAmended(laterCatalogue(null, asListed(LOXOPROFEN_TABLET)), 0);
    }

    @Test
    void anUnchangedLineLongerThanItsDrugsLongestSupplyOfTodayKeepsTheDaysItsIssueAllowed() {
        // amlodipine's 28 days were allowed at issue; a later list allows it 14
        expectAmended(laterCatalogue(withLimits(AMLODIPINE_BRAND_A, true, 14), asListed(LOXOPROFEN_TABLET)), 0);
    }

    @Test
    void anUnchangedLineWhoseDrugMayNoLongerBeRefilledKeepsTheRefillsItsIssueAllowed() {
        expectAmended(laterCatalogue(withLimits(AMLODIPINE_BRAND_A, false, null), asListed(LOXOPROFEN_TABLET)), 1);
    }

    @Test
    void thePharmacistMayProposeAChangeBesideALineWhoseDrugWasDelisted() {
        fixtureWith(laterCatalogue(null, asListed(LOXOPROFEN_TABLET)))
                .given(issued(), accepted(PHARMACY_A))
                .when(ask(PHARMACY_A, SHORTER_LOXOPROFEN))
                .expectEvents(queried(PHARMACY_A, SHORTER_LOXOPROFEN));
    }

    @Test
    void theChangedLineIsJudgedByTheCatalogueOfTheDayOfTheAnswer() {
        Drug amlodipine = asListed(AMLODIPINE_BRAND_A);
        expectAnswerRefused(laterCatalogue(amlodipine, null), 0, Refusal.UNKNOWN_DRUG);
        expectAnswerRefused(laterCatalogue(amlodipine, withLimits(LOXOPROFEN_TABLET, true, 2)), 0,
                Refusal.DAYS_ABOVE_LONGEST_SUPPLY);
        expectAnswerRefused(laterCatalogue(amlodipine, withLimits(LOXOPROFEN_TABLET, false, null)), 1,
                Refusal.REFILL_NOT_ALLOWED);
    }
}

package org.eprescription.core.prescription;

import org.eprescription.core.catalogue.CatalogueCsvLoader;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.refusal.Refusal;
import org.eprescription.core.testsupport.SampleDrugs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;

import static org.eprescription.core.refusal.RefusalMatchers.refusedWith;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_BRAND_A;
import static org.eprescription.core.testsupport.SampleDrugs.LOXOPROFEN_TABLET;
import static org.hamcrest.Matchers.containsString;

/**
 * A line's quantity is counted in its drug's unit (docs/domain.md, "A prescription"): a line in another unit is
 * refused on issue and on amendment, so that "140 mg" of a 5 mg tablet never becomes 140 tablets at the pharmacy.
 */
class LineUnitTest extends PrescriptionTestSupport {

    private static PrescribedLine lineIn(int number, DrugCode drug, long quantity, String unit, int days) {
        return new PrescribedLine(number, drug, qty(quantity), unit, "as directed", days);
    }

    @Test
    void amlodipineInMilligramsIsRefusedNamingTheUnitItIsCountedIn() {
        // 140 mg meant as 28 tablets of 5 mg would be dispensable as 140 tablets (700 mg)
        fixture.givenNoPriorActivity()
                .when(issueWithLines(lineIn(1, AMLODIPINE_BRAND_A, 140, "mg", 28)))
                .expectException(refusedWith(Refusal.INVALID_LINES))
                .expectExceptionMessage(containsString("counted in tablet, not in mg"))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0} in {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # drug               | quantity | unit
            AMLODIPINE_BRAND_A   | 140      | mg
            AMLODIPINE_BRAND_A   | 28       | tablets
            AMLODIPINE_BRAND_A   | 1        | box
            NIFEDIPINE_CAPSULE   | 28       | tablet
            LOXOPROFEN_PATCH     | 14       | tablet
            LOXOPROFEN_PATCH     | 1400     | mg
            """)
    void aLineInAnotherUnitThanItsDrugsIsRefused(String drug, long quantity, String unit) {
        expectRefused(fixture.givenNoPriorActivity()
                .when(issueWithLines(lineIn(1, SampleDrugs.named(drug), quantity, unit, 14))), Refusal.INVALID_LINES);
    }

    @Test
    void aLineWithoutAUnitIsRefusedWhenTheDrugHasOne() {
        expectRefused(fixture.givenNoPriorActivity()
                .when(issueWithLines(lineIn(1, AMLODIPINE_BRAND_A, 28, null, 28))), Refusal.INVALID_LINES);
        expectRefused(fixture.givenNoPriorActivity()
                .when(issueWithLines(lineIn(1, AMLODIPINE_BRAND_A, 28, "  ", 28))), Refusal.INVALID_LINES);
    }

    @Test
    void oneLineInAnotherUnitRefusesTheWholePrescription() {
        expectRefused(fixture.givenNoPriorActivity().when(issueWithLines(AMLODIPINE_LINE,
                lineIn(2, LOXOPROFEN_TABLET, 1260, "mg", 7))), Refusal.INVALID_LINES);
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', textBlock = """
            tablet
            Tablet
            TABLET
            ' tablet '
            """)
    void theUnitIsComparedTrimmedAndIgnoringCase(String unit) {
        expectIssuedAsAsked(List.of(lineIn(1, AMLODIPINE_BRAND_A, 28, unit, 28)), 0, null);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', textBlock = """
            NIFEDIPINE_CAPSULE   | capsule
            LOXOPROFEN_PATCH     | sheet
            MICONAZOLE_GEL       | g
            """)
    void eachDrugIsPrescribedInItsOwnUnit(String drug, String unit) {
        expectIssuedAsAsked(List.of(lineIn(1, SampleDrugs.named(drug), 14, unit, 14)), 0, null);
    }

    @Test
    void aCatalogueThatGivesNoUnitTakesTheLinesUnit() {
        fixture = fixtureWith(amlodipineWithoutUnit());
        expectIssuedAsAsked(List.of(lineIn(1, AMLODIPINE_BRAND_A, 28, "Tabletten", 28)), 0, null);
    }

    @Test
    void aProposedLineInAnotherUnitIsRefused() {
        PrescribedLine inMilligrams = lineIn(2, LOXOPROFEN_TABLET, 540, "mg", 3);
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A))
                .when(PrescriberQueryTest.ask(PHARMACY_A, inMilligrams)), Refusal.INVALID_LINES);
    }

    @Test
    void aChangeInAnotherUnitProposedBeforeThisRuleIsNotAccepted() {
        // a query recorded before the exchange compared units: accepting it would amend the line all the same
        PrescribedLine inMilligrams = lineIn(2, LOXOPROFEN_TABLET, 540, "mg", 3);
        PrescriberQueryTest queries = new PrescriberQueryTest();
        queries.clock = clock;
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A), queries.queried(PHARMACY_A, inMilligrams))
                .when(PrescriberQueryTest.answer(true)), Refusal.INVALID_LINES);
    }

    @Test
    void aLineIssuedInAnotherUnitBeforeThisRuleDoesNotStopAChangeOfAnotherLine() {
        // line 1 stands as issued (and cannot change once dispensed in the use); only the changed line is judged
        PrescribedLine issuedInMilligrams = lineIn(1, AMLODIPINE_BRAND_A, 140, "mg", 28);
        PrescribedLine loxoprofen = lineIn(2, LOXOPROFEN_TABLET, 21, "tablet", 7);
        PrescriberQueryTest queries = new PrescriberQueryTest();
        queries.clock = clock;

        fixture.given(issued(List.of(issuedInMilligrams, loxoprofen), 0, null), accepted(PHARMACY_A))
                .when(PrescriberQueryTest.ask(PHARMACY_A, lineIn(2, LOXOPROFEN_TABLET, 9, "tablet", 3)))
                .expectSuccessfulHandlerExecution();
    }

    private static DrugCatalogue amlodipineWithoutUnit() {
        try {
            return CatalogueCsvLoader.load(new StringReader("""
                    drug_code,name,ingredients,route,class_code,class_name,unit
                    2171022F1021,Amlodipine 5 mg tablet (brand A),amlodipine,oral,2171,coronary vasodilators,
                    """), new StringReader("ingredient_a,ingredient_b,note\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.eprescription.core.prescription;

import org.eprescription.core.refusal.Refusal;

import org.eprescription.core.catalogue.CatalogueCsvLoader;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.eprescription.core.testsupport.SampleDrugs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.List;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_BRAND_A;
import static org.eprescription.core.testsupport.SampleDrugs.CATALOGUE;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_GENERIC_C;
import static org.eprescription.core.testsupport.SampleDrugs.NOT_IN_CATALOGUE;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_HALF_STRENGTH;
import static org.eprescription.core.testsupport.SampleDrugs.VALSARTAN_AMLODIPINE;

/**
 * Dose-true substitution (docs/domain.md, "Commands, events and refusals"): a substitute has the prescribed
 * ingredients, form group and amount of each ingredient; what a use dispenses is counted in ingredient amounts,
 * never in units.
 */
class DoseTrueSubstitutionTest extends PrescriptionTestSupport {

    /** Amlodipine 5 mg, 28 tablets for 28 days: 140 mg. */
    static final PrescribedLine AMLODIPINE_ONLY = line(1, AMLODIPINE_BRAND_A, 28, 28);

    // ----- a substitute for the whole line of an accepted prescription -----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                                        | prescribed: drug     | qty | days | handed out: drug         | qty | days | counts as
            # the same strength
            a generic of equal strength in the same quantity              | AMLODIPINE_BRAND_A   | 28  | 28   | AMLODIPINE_GENERIC_C     | 28  | 28   | 28
            # a tablet for an orally disintegrating tablet: both oral-solid
            another form of the same form group is a generic              | AMLODIPINE_GENERIC_C | 28  | 28   | AMLODIPINE_BRAND_A       | 28  | 28   | 28
            # another strength
            half the strength in double the quantity is the same dose     | AMLODIPINE_BRAND_A   | 28  | 28   | AMLODIPINE_HALF_STRENGTH | 56  | 28   | 28
            a lower strength may replace a higher one for the same amount | ZOLPIDEM_10          | 14  | 14   | ZOLPIDEM_5_GENERIC       | 28  | 14   | 14
            """)
    void aDoseTrueSubstituteCompletesTheUseCountedAsThePrescribedUnits(String substitute, String prescribed,
                                                                        int quantity, int days, String handedOut,
                                                                        int handedOutQuantity, int handedOutDays,
                                                                        int countedAs) {
        completesTheUse(line(1, SampleDrugs.named(prescribed), quantity, days),
                itemOf(1, SampleDrugs.named(handedOut), handedOutQuantity, handedOutDays), countedAs);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                                         | prescribed: drug            | qty | days | handed out: drug            | qty | days | refusal
            # another strength: zolpidem 5 mg x 14 handed out as 10 mg x 14 is twice the prescribed amount
            double the strength in the same quantity                       | ZOLPIDEM_5                  | 14  | 14   | ZOLPIDEM_10                 | 14  | 14   | SUBSTITUTE_NOT_DOSE_EQUIVALENT
            # 28 x 5 mg never goes out as 14 x 10 mg: the dosage counts tablets, so a stronger one would be split
            double the strength in half the quantity                       | ZOLPIDEM_5                  | 28  | 28   | ZOLPIDEM_10                 | 14  | 28   | SUBSTITUTE_NOT_DOSE_EQUIVALENT
            a stronger product even for a part of the line                 | ZOLPIDEM_5                  | 28  | 28   | ZOLPIDEM_10                 | 1   | 1    | SUBSTITUTE_NOT_DOSE_EQUIVALENT
            # the form group: nifedipine 10 mg capsules, 3 a day for 14 days (420 mg), as 21 extended-release 20 mg tablets (420 mg)
            extended release for immediate release                         | NIFEDIPINE_CAPSULE          | 42  | 14   | NIFEDIPINE_EXTENDED_RELEASE | 21  | 14   | SUBSTITUTE_OTHER_FORM
            immediate release for extended release                         | NIFEDIPINE_EXTENDED_RELEASE | 14  | 14   | NIFEDIPINE_CAPSULE          | 28  | 14   | SUBSTITUTE_OTHER_FORM
            # combination products: 80 mg + 5 mg x 28 against 160 mg + 5 mg x 14: the valsartan agrees (2240 mg), the amlodipine does not
            a combination with another split of its ingredients            | VALSARTAN_AMLODIPINE        | 28  | 28   | VALSARTAN_AMLODIPINE_160_5  | 14  | 28   | SUBSTITUTE_NOT_DOSE_EQUIVALENT
            # and the other way round, where the amlodipine would agree (140 mg) and the valsartan not
            the same combinations the other way round                      | VALSARTAN_AMLODIPINE_160_5  | 14  | 14   | VALSARTAN_AMLODIPINE        | 14  | 14   | SUBSTITUTE_NOT_DOSE_EQUIVALENT
            a combination for one of its ingredients, whatever the amounts | AMLODIPINE_BRAND_A          | 28  | 28   | VALSARTAN_AMLODIPINE        | 28  | 28   | SUBSTITUTE_NOT_EQUIVALENT
            # never more than prescribed, in ingredient amount
            double the quantity of half the strength plus one              | AMLODIPINE_BRAND_A          | 28  | 28   | AMLODIPINE_HALF_STRENGTH    | 57  | 28   | QUANTITY_EXCEEDS_REMAINING
            """)
    void aSubstituteThatIsNotDoseTrueIsRefused(String substitute, String prescribed, int quantity, int days,
                                               String handedOut, int handedOutQuantity, int handedOutDays,
                                               Refusal refusal) {
        refused(line(1, SampleDrugs.named(prescribed), quantity, days),
                itemOf(1, SampleDrugs.named(handedOut), handedOutQuantity, handedOutDays), refusal);
    }

    // ----- part of the line -----

    @Test
    void halfTheStrengthInTheSameQuantityIsOnlyHalfTheLine() {
        fixture.given(issued(AMLODIPINE_ONLY), accepted(PHARMACY_A))
                .when(dispense(PHARMACY_A, itemOf(1, AMLODIPINE_HALF_STRENGTH, 28, 28)))
                .expectEvents(dispensed(PHARMACY_A, 1, false, List.of(itemOf(1, AMLODIPINE_HALF_STRENGTH, 28, 28)),
                        counted(1, 14), List.of(substitute(1, AMLODIPINE_HALF_STRENGTH, 14, CATALOGUE))));
    }

    // ----- combination products -----

    @Test
    void aCombinationWhoseIngredientAmountsBothAgreeIsASubstitute() {
        // a hypothetical 40 mg + 2.5 mg combination: 56 of them are 2240 mg + 140 mg, as 28 x (80 mg + 5 mg)
        DrugCode halfCombination = DrugCode.of("2149114F3029");
        DrugCatalogue withHalfCombination = sampleWith(halfCombination + ",Valsartan 40 mg / amlodipine 2.5 mg "
                + "combination tablet,valsartan;amlodipine,oral,2149,other antihypertensives,tablet,40 mg;2.5 mg,"
                + "tablet,oral-solid,yes,,");
        fixture = fixtureWith(withHalfCombination);
        completesTheUse(line(1, VALSARTAN_AMLODIPINE, 28, 28), itemOf(1, halfCombination, 56, 28), 28,
                withHalfCombination);
    }

    // ----- never more than prescribed, in ingredient amount -----

    @Test
    void earlierDispensingsOfTheUseCountInIngredientAmount() {
        // 40 x 2.5 mg = 100 mg given; 40 mg of the 140 mg are left: 8 x 5 mg, not 9
        Object[] history = {issued(AMLODIPINE_ONLY), accepted(PHARMACY_A),
                dispensed(PHARMACY_A, 1, false, List.of(itemOf(1, AMLODIPINE_HALF_STRENGTH, 40, 20)), counted(1, 20))};
        expectRefused(fixture.given(history).when(dispense(PHARMACY_A, itemOf(1, AMLODIPINE_BRAND_A, 9, 8))),
                Refusal.QUANTITY_EXCEEDS_REMAINING);
        setUpFixture();
        fixture.given(history)
                .when(dispense(PHARMACY_A, itemOf(1, AMLODIPINE_GENERIC_C, 8, 8)))
                .expectEvents(dispensed(PHARMACY_A, 1, true, List.of(itemOf(1, AMLODIPINE_GENERIC_C, 8, 8)),
                        counted(1, 8), List.of(substitute(1, AMLODIPINE_GENERIC_C, 8, CATALOGUE))), completed());
    }

    @Test
    void unitsOfTheUseAreNotWhatCountsButTheAmount() {
        // 20 tablets of 5 mg given (100 mg): 16 tablets of 2.5 mg (40 mg) are still allowed, though 20 + 16 > 28
        fixture.given(issued(AMLODIPINE_ONLY), accepted(PHARMACY_A),
                        dispensed(PHARMACY_A, 1, false, itemOf(1, AMLODIPINE_BRAND_A, 20, 20)))
                .when(dispense(PHARMACY_A, itemOf(1, AMLODIPINE_HALF_STRENGTH, 16, 8)))
                .expectEvents(dispensed(PHARMACY_A, 1, true, List.of(itemOf(1, AMLODIPINE_HALF_STRENGTH, 16, 8)),
                        counted(1, 8), List.of(substitute(1, AMLODIPINE_HALF_STRENGTH, 8, CATALOGUE))), completed());
    }

    @Test
    void whatAnotherPharmacyDispensedBeforeTheReleaseCountsInIngredientAmount() {
        Object[] history = {issued(AMLODIPINE_ONLY), accepted(PHARMACY_A),
                dispensed(PHARMACY_A, 1, false, List.of(itemOf(1, AMLODIPINE_HALF_STRENGTH, 50, 25)), counted(1, 25)),
                released(PHARMACY_A, 1), accepted(PHARMACY_B)};
        expectRefused(fixture.given(history).when(dispense(PHARMACY_B, itemOf(1, AMLODIPINE_BRAND_A, 4, 4))),
                Refusal.QUANTITY_EXCEEDS_REMAINING);
    }

    @Test
    void portionsOfASubstituteWhoseCountDoesNotTerminateStillAddUpToTheWholeLine() {
        // 28 x 3 mg = 84 mg as 2 mg tablets: 7 count as 4.666666666666667 x 3 mg, the other 35 complete the line
        DrugCode threeMg = DrugCode.of("2171022F9011");
        DrugCode twoMg = DrugCode.of("2171022F9012");
        fixture = fixtureWith(sampleWith(threeMg.value() + ",Amlodipine 3 mg tablet (test),amlodipine,oral,2171,"
                + "coronary vasodilators,tablet,3 mg,tablet,oral-solid,yes,,\n" + twoMg.value()
                + ",Amlodipine 2 mg tablet (test),amlodipine,oral,2171,coronary vasodilators,tablet,2 mg,tablet,"
                + "oral-solid,yes,,"));
        PrescribedLine threeMgLine = line(1, threeMg, 28, 28);
        List<LineQuantity> sevenTwoMg = List.of(new LineQuantity(1, new java.math.BigDecimal("4.666666666666667")));
        fixture.given(issued(threeMgLine), accepted(PHARMACY_A),
                        dispensed(PHARMACY_A, 1, false, List.of(itemOf(1, twoMg, 7, 5)), sevenTwoMg))
                .when(dispense(PHARMACY_A, itemOf(1, twoMg, 35, 23)))
                .expectEvents(dispensed(PHARMACY_A, 1, true, List.of(itemOf(1, twoMg, 35, 23)),
                        List.of(new LineQuantity(1, new java.math.BigDecimal("23.33333333333333"))),
                        List.of(new SubstituteSupply(1, twoMg, new java.math.BigDecimal("23.33333333333333"), true,
                                null))), completed());
    }

    // ----- what the catalogue does not say -----

    @Test
    void whatAnEarlierDispensingCountedIsNeverRecountedUnderALaterCatalogue() {
        // 28 x 2.5 mg went out and counted as 14 x 5 mg; the later catalogue no longer knows the 2.5 mg tablet
        fixture = fixtureWith(olderCatalogue());
        fixture.given(issued(AMLODIPINE_ONLY), accepted(PHARMACY_A),
                        dispensed(PHARMACY_A, 1, false, List.of(itemOf(1, AMLODIPINE_HALF_STRENGTH, 28, 14)),
                                counted(1, 14)))
                .when(dispense(PHARMACY_A, itemOf(1, AMLODIPINE_BRAND_A, 14, 14)))
                .expectEvents(dispensed(PHARMACY_A, 1, true, itemOf(1, AMLODIPINE_BRAND_A, 14, 14)), completed());
        setUpFixture();
        fixture = fixtureWith(olderCatalogue());
        expectRefused(fixture.given(issued(AMLODIPINE_ONLY), accepted(PHARMACY_A),
                        dispensed(PHARMACY_A, 1, false, List.of(itemOf(1, AMLODIPINE_HALF_STRENGTH, 28, 14)),
                                counted(1, 14)))
                .when(dispense(PHARMACY_A, itemOf(1, AMLODIPINE_BRAND_A, 15, 14))), Refusal.QUANTITY_EXCEEDS_REMAINING);
    }

    @Test
    void withoutStrengthsInTheCatalogueASubstituteIsRefusedButThePrescribedDrugIsNot() {
        fixture = fixtureWith(olderCatalogue());
        refused(AMLODIPINE_ONLY, itemOf(1, AMLODIPINE_GENERIC_C, 28, 28), Refusal.SUBSTITUTE_NOT_VERIFIABLE);
        setUpFixture();
        fixture = fixtureWith(olderCatalogue());
        completesTheUse(AMLODIPINE_ONLY, itemOf(1, AMLODIPINE_BRAND_A, 28, 28));
    }

    @Test
    void aSubstituteWithoutAStrengthIsRefusedEvenWhenThePrescribedDrugHasOne() {
        DrugCode unknownStrength = DrugCode.of("2171022F9999");
        fixture = fixtureWith(sampleWith(unknownStrength + ",Amlodipine tablet (generic X),amlodipine,oral,2171,"
                + "coronary vasodilators,tablet,,tablet,oral-solid,yes,,"));
        refused(AMLODIPINE_ONLY, itemOf(1, unknownStrength, 28, 28), Refusal.SUBSTITUTE_NOT_VERIFIABLE);
    }

    @Test
    void aPrescribedDrugDelistedSinceTheIssueIsStillDispensedButNoSubstituteCanBeVerifiedForIt() {
        // the later list keeps the generic and no longer lists the brand the line prescribes
        DrugCatalogue withoutTheBrand = new DrugCatalogue(List.of(CATALOGUE.find(AMLODIPINE_GENERIC_C).orElseThrow()),
                CATALOGUE.contraindicatedPairs());
        fixture = fixtureWith(withoutTheBrand);
        refused(AMLODIPINE_ONLY, itemOf(1, AMLODIPINE_GENERIC_C, 28, 28), Refusal.SUBSTITUTE_NOT_VERIFIABLE);
        setUpFixture();
        fixture = fixtureWith(withoutTheBrand);
        completesTheUse(AMLODIPINE_ONLY, itemOf(1, AMLODIPINE_BRAND_A, 28, 28));
        setUpFixture();
        fixture = fixtureWith(withoutTheBrand);
        refused(AMLODIPINE_ONLY, itemOf(1, NOT_IN_CATALOGUE, 28, 28), Refusal.UNKNOWN_DRUG);
    }

    // ----- helpers -----

    /** Issued with the line and accepted: dispensing the item is refused so. */
    private void refused(PrescribedLine line, DispensedItem item, Refusal refusal) {
        expectRefused(fixture.given(issued(line), accepted(PHARMACY_A)).when(dispense(PHARMACY_A, item)), refusal);
    }

    /** Issued with the line and accepted: the item completes the use, counted as the prescribed drug was. */
    private void completesTheUse(PrescribedLine line, DispensedItem item) {
        fixture.given(issued(line), accepted(PHARMACY_A))
                .when(dispense(PHARMACY_A, item))
                .expectEvents(dispensed(PHARMACY_A, 1, true, item), completed());
    }

    /** The same for a substitute that counts as {@code countedAs} units of the prescribed drug. */
    private void completesTheUse(PrescribedLine line, DispensedItem item, int countedAs) {
        completesTheUse(line, item, countedAs, CATALOGUE);
    }

    /** The same, the substitute recorded with its own limits as {@code catalogue} gives them. */
    private void completesTheUse(PrescribedLine line, DispensedItem item, int countedAs, DrugCatalogue catalogue) {
        fixture.given(issued(line), accepted(PHARMACY_A))
                .when(dispense(PHARMACY_A, item))
                .expectEvents(dispensed(PHARMACY_A, 1, true, List.of(item), counted(1, countedAs),
                        List.of(substitute(1, item.drugCode(), countedAs, catalogue))), completed());
    }

    PrescriptionIssued issued(PrescribedLine line) {
        return issued(java.util.List.of(line), 0, DEFAULT_VALID_UNTIL);
    }

    /** The bundled sample with one more row. */
    static DrugCatalogue sampleWith(String row) {
        try (InputStream drugs = CatalogueCsvLoader.class.getResourceAsStream(CatalogueCsvLoader.BUNDLED_DRUGS);
             InputStream pairs = CatalogueCsvLoader.class.getResourceAsStream(CatalogueCsvLoader.BUNDLED_PAIRS)) {
            String csv = new String(drugs.readAllBytes(), StandardCharsets.UTF_8) + row + "\n";
            return CatalogueCsvLoader.load(new StringReader(csv),
                    new StringReader(new String(pairs.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The two amlodipine 5 mg products as a catalogue without the later columns describes them. */
    static DrugCatalogue olderCatalogue() {
        try {
            return CatalogueCsvLoader.load(new StringReader("""
                    drug_code,name,ingredients,route,class_code,class_name,unit
                    2171022F1021,Amlodipine 5 mg tablet (brand A),amlodipine,oral,2171,coronary vasodilators,tablet
                    2171022F3024,Amlodipine 5 mg orally disintegrating tablet (generic C),amlodipine,oral,2171,coronary vasodilators,tablet
                    """), new StringReader("ingredient_a,ingredient_b,note\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dispensing counts as {@code quantity} units of line {@code line}'s prescribed drug. */
    private static List<LineQuantity> counted(int line, int quantity) {
        return List.of(new LineQuantity(line, java.math.BigDecimal.valueOf(quantity)));
    }
}

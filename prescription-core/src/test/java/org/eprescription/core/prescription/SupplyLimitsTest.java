package org.eprescription.core.prescription;

import org.eprescription.core.refusal.Refusal;

import org.eprescription.core.catalogue.CatalogueCsvLoader;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.testsupport.SampleDrugs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;

import static org.eprescription.core.testsupport.SampleDrugs.LOXOPROFEN_PATCH;
import static org.eprescription.core.testsupport.SampleDrugs.ZOLPIDEM_5;

/**
 * The catalogue's supply limits at issue (docs/domain.md, "A prescription"): no line longer than its drug's longest
 * supply, no refills for a drug that may not be refilled.
 */
class SupplyLimitsTest extends PrescriptionTestSupport {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                       | drug       | days | refills | refusal
            # zolpidem 7 days with 2 refills would be 21 days of a hypnotic in one prescription
            a hypnotic with two refills  | ZOLPIDEM_5 | 7    | 2       | REFILL_NOT_ALLOWED
            a hypnotic with one refill   | ZOLPIDEM_5 | 7    | 1       | REFILL_NOT_ALLOWED
            zolpidem for thirty-one days | ZOLPIDEM_5 | 31   | 0       | DAYS_ABOVE_LONGEST_SUPPLY
            """)
    void aLineBeyondItsDrugsLimitsIsRefused(String limit, String drug, int days, int refills, Refusal refusal) {
        expectRefused(fixture.givenNoPriorActivity()
                .when(issue(List.of(line(1, SampleDrugs.named(drug), days, days)), refills, null)), refusal);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                                             | drug               | days | refills
            a hypnotic without refills                                         | ZOLPIDEM_5         | 7    | 0
            zolpidem for thirty days                                           | ZOLPIDEM_5         | 30   | 0
            a drug without a longest supply of its own keeps the general limit | AMLODIPINE_BRAND_A | 365  | 2
            """)
    void aLineWithinItsDrugsLimitsIsIssuedAsAsked(String limit, String drug, int days, int refills) {
        expectIssuedAsAsked(List.of(line(1, SampleDrugs.named(drug), days, days)), refills, null);
    }

    @Test
    void oneLineThatMayNotBeRefilledRefusesTheRefillsOfTheWholePrescription() {
        expectRefused(fixture.givenNoPriorActivity().when(issue(List.of(AMLODIPINE_LINE,
                        line(2, LOXOPROFEN_PATCH, 14, 14)), 1, null)),
                Refusal.REFILL_NOT_ALLOWED);
    }

    @Test
    void aCatalogueThatDoesNotSayLimitsNothing() {
        // an older catalogue without refill permission or longest supply: the general rules alone apply
        fixture = fixtureWith(olderZolpidem());
        expectIssuedAsAsked(List.of(line(1, ZOLPIDEM_5, 60, 60)), 2, null);
    }

    private static DrugCatalogue olderZolpidem() {
        try {
            return CatalogueCsvLoader.load(new StringReader("""
                    drug_code,name,ingredients,route,class_code,class_name,unit
                    1129009F1025,Zolpidem tartrate 5 mg tablet (brand A),zolpidem,oral,1129,other hypnotics and sedatives,tablet
                    """), new StringReader("ingredient_a,ingredient_b,note\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.eprescription.core.prescription;

import org.eprescription.core.refusal.Refusal;

import org.eprescription.core.catalogue.CatalogueCsvLoader;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;

import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_BRAND_A;
import static org.eprescription.core.testsupport.SampleDrugs.LOXOPROFEN_PATCH;
import static org.eprescription.core.testsupport.SampleDrugs.ZOLPIDEM_5;

/**
 * The catalogue's supply limits at issue (docs/domain.md, "A prescription"): no line longer than its drug's longest
 * supply, no refills for a drug that may not be refilled.
 */
class SupplyLimitsTest extends PrescriptionTestSupport {

    @Test
    void aHypnoticWithRefillsIsRefused() {
        // zolpidem 7 days with 2 refills would be 21 days of a hypnotic in one prescription
        expectRefused(fixture.givenNoPriorActivity().when(issue(List.of(line(1, ZOLPIDEM_5, 7, 7)), 2, null)),
                Refusal.REFILL_NOT_ALLOWED);
        setUpFixture();
        expectRefused(fixture.givenNoPriorActivity().when(issue(List.of(line(1, ZOLPIDEM_5, 7, 7)), 1, null)),
                Refusal.REFILL_NOT_ALLOWED);
    }

    @Test
    void aHypnoticWithoutRefillsIsIssued() {
        expectIssuedAsAsked(List.of(line(1, ZOLPIDEM_5, 7, 7)), 0, null);
    }

    @Test
    void oneLineThatMayNotBeRefilledRefusesTheRefillsOfTheWholePrescription() {
        expectRefused(fixture.givenNoPriorActivity().when(issue(List.of(AMLODIPINE_LINE,
                        line(2, LOXOPROFEN_PATCH, 14, 14)), 1, null)),
                Refusal.REFILL_NOT_ALLOWED);
    }

    @Test
    void zolpidemForThirtyOneDaysIsRefused() {
        expectRefused(fixture.givenNoPriorActivity().when(issue(List.of(line(1, ZOLPIDEM_5, 31, 31)), 0, null)),
                Refusal.DAYS_ABOVE_LONGEST_SUPPLY);
    }

    @Test
    void zolpidemForThirtyDaysIsIssued() {
        expectIssuedAsAsked(List.of(line(1, ZOLPIDEM_5, 30, 30)), 0, null);
    }

    @Test
    void aDrugWithoutALongestSupplyOfItsOwnKeepsTheGeneralLimit() {
        expectIssuedAsAsked(List.of(line(1, AMLODIPINE_BRAND_A, 365, 365)), 2, null);
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

package org.eprescription.core.prescription;

import org.eprescription.core.catalogue.CatalogueCsvLoader;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.prescription.command.CorrectDispensing;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.eprescription.core.refusal.Refusal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.core.prescription.DoseTrueSubstitutionTest.sampleWith;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_BRAND_A;

/**
 * A substitute's own limits at dispensing (docs/domain.md, "Dose-true substitution"): the catalogue's refill permission
 * and longest supply of the product handed out hold for it as the prescribed drug's held at issue, in every use and in
 * a correction, counted with what the use already handed out of it.
 */
class SubstituteLimitsTest extends PrescriptionTestSupport {

    /** A dose-true generic of amlodipine 5 mg that may not be dispensed on a refill prescription. */
    static final DrugCode NOT_FOR_REFILLS = DrugCode.of("2171022F4020");
    /** A dose-true generic of amlodipine 5 mg that may be supplied for 14 days at most. */
    static final DrugCode FOURTEEN_DAYS_AT_MOST = DrugCode.of("2171022F5027");

    static final String NOT_FOR_REFILLS_ROW = NOT_FOR_REFILLS + ",Amlodipine 5 mg tablet (generic N),amlodipine,oral,"
            + "2171,coronary vasodilators,tablet,5 mg,tablet,oral-solid,no,,";
    static final String FOURTEEN_DAYS_ROW = FOURTEEN_DAYS_AT_MOST + ",Amlodipine 5 mg tablet (generic F),amlodipine,"
            + "oral,2171,coronary vasodilators,tablet,5 mg,tablet,oral-solid,yes,14,";

    /** The sample with both generics, as the catalogue describes them when they are handed out. */
    static final DrugCatalogue WITH_LIMITED_GENERICS = sampleWith(NOT_FOR_REFILLS_ROW + "\n" + FOURTEEN_DAYS_ROW);

    /** Amlodipine 5 mg, 28 tablets for 28 days. */
    static final List<PrescribedLine> AMLODIPINE_ONLY = List.of(AMLODIPINE_LINE);

    @BeforeEach
    void decideWithTheLimitedGenerics() {
        fixture = fixtureWith(WITH_LIMITED_GENERICS);
    }

    // ----- refill permission -----

    @Test
    void aSubstituteThatMayNotBeRefilledIsRefusedInTheFirstUseOfARefillPrescription() {
        expectRefused(fixture.given(issued(AMLODIPINE_ONLY, 1, DEFAULT_VALID_UNTIL), accepted(PHARMACY_A))
                .when(dispense(PHARMACY_A, itemOf(1, NOT_FOR_REFILLS, 28, 28))), Refusal.REFILL_NOT_ALLOWED);
    }

    @Test
    void aSubstituteThatMayNotBeRefilledIsRefusedInARefillUse() {
        expectRefusedInTheRefillUse(NOT_FOR_REFILLS, Refusal.REFILL_NOT_ALLOWED);
    }

    @Test
    void aCorrectionCannotHandOutASubstituteThatMayNotBeRefilledOnARefillPrescription() {
        expectRefused(fixture.given(partlyDispensed(1, 14)).when(correctedTo(NOT_FOR_REFILLS, 14)),
                Refusal.REFILL_NOT_ALLOWED);
    }

    @Test
    void withoutRefillsSuchASubstituteMayBeDispensedAndIsRecordedWithTheLimitsItWentOutUnder() {
        fixture.given(issued(AMLODIPINE_ONLY, 0, DEFAULT_VALID_UNTIL), accepted(PHARMACY_A))
                .when(dispense(PHARMACY_A, itemOf(1, NOT_FOR_REFILLS, 28, 28)))
                .expectEvents(dispensed(PHARMACY_A, 1, true, List.of(itemOf(1, NOT_FOR_REFILLS, 28, 28)),
                                List.of(new LineQuantity(1, qty(28))),
                                List.of(new SubstituteSupply(1, NOT_FOR_REFILLS, qty(28), false, null))),
                        completed());
    }

    // ----- longest supply -----

    @Test
    void aSubstituteIsNotHandedOutForMoreDaysThanItsOwnLongestSupply() {
        Object[] accepted = {issued(AMLODIPINE_ONLY, 0, DEFAULT_VALID_UNTIL), accepted(PHARMACY_A)};
        expectRefused(fixture.given(accepted).when(dispense(PHARMACY_A, itemOf(1, FOURTEEN_DAYS_AT_MOST, 28, 28))),
                Refusal.DAYS_ABOVE_LONGEST_SUPPLY);
        // the quantity decides as much as the days entered: 28 tablets at one a day last 28 days
        expectRefused(fixture.given(accepted).when(dispense(PHARMACY_A, itemOf(1, FOURTEEN_DAYS_AT_MOST, 28, 14))),
                Refusal.DAYS_ABOVE_LONGEST_SUPPLY);
        expectRefused(fixture.given(accepted).when(dispense(PHARMACY_A, itemOf(1, FOURTEEN_DAYS_AT_MOST, 14, 15))),
                Refusal.DAYS_ABOVE_LONGEST_SUPPLY);
    }

    @Test
    void aSubstituteWithinItsLongestSupplyIsRecordedWithItAndThePrescribedDrugMakesUpTheRest() {
        Object[] accepted = {issued(AMLODIPINE_ONLY, 1, DEFAULT_VALID_UNTIL), accepted(PHARMACY_A)};
        fixture.given(accepted)
                .when(dispense(PHARMACY_A, itemOf(1, FOURTEEN_DAYS_AT_MOST, 14, 14)))
                .expectEvents(dispensed(PHARMACY_A, 1, false, List.of(itemOf(1, FOURTEEN_DAYS_AT_MOST, 14, 14)),
                        List.of(new LineQuantity(1, qty(14))),
                        List.of(new SubstituteSupply(1, FOURTEEN_DAYS_AT_MOST, qty(14), true, 14))));
        // the prescribed drug keeps the line's 28 days, judged at issue
        fixture.given(accepted)
                .andGivenCommands(dispense(PHARMACY_A, itemOf(1, FOURTEEN_DAYS_AT_MOST, 14, 14)))
                .when(dispense(PHARMACY_A, itemOf(1, AMLODIPINE_BRAND_A, 14, 14)))
                .expectEvents(dispensed(PHARMACY_A, 1, true, itemOf(1, AMLODIPINE_BRAND_A, 14, 14)),
                        refillScheduled(2, ISSUE_DAY.plusDays(28)));
    }

    @Test
    void theUsesEarlierPortionsOfTheSubstituteCountTowardsItsLongestSupply() {
        Object[] fourteenDaysOfIt = {issued(AMLODIPINE_ONLY, 0, DEFAULT_VALID_UNTIL), accepted(PHARMACY_A),
                dispensed(PHARMACY_A, 1, false, List.of(itemOf(1, FOURTEEN_DAYS_AT_MOST, 10, 10)),
                        List.of(new LineQuantity(1, qty(10))))};
        expectRefused(fixture.given(fourteenDaysOfIt)
                        .when(dispense(PHARMACY_A, itemOf(1, FOURTEEN_DAYS_AT_MOST, 5, 5))),
                Refusal.DAYS_ABOVE_LONGEST_SUPPLY);
    }

    @Test
    void aPortionRecordedBeforeSubstitutesWereRecordedCountsByItsItems() {
        PrescriptionDispensed revisionTwo = new PrescriptionDispensed(ID, PHARMACY_A, pharmacistOf(PHARMACY_A), 1,
                List.of(itemOf(1, FOURTEEN_DAYS_AT_MOST, 10, 10)), false, clock.instant(), clock.today(), null, null);
        expectRefused(fixture.given(issued(AMLODIPINE_ONLY, 0, DEFAULT_VALID_UNTIL), accepted(PHARMACY_A), revisionTwo)
                        .when(dispense(PHARMACY_A, itemOf(1, FOURTEEN_DAYS_AT_MOST, 5, 5))),
                Refusal.DAYS_ABOVE_LONGEST_SUPPLY);
    }

    @Test
    void aSubstituteHandedOutInARefillUseKeepsToItsLongestSupply() {
        expectRefusedInTheRefillUse(FOURTEEN_DAYS_AT_MOST, Refusal.DAYS_ABOVE_LONGEST_SUPPLY);
    }

    @Test
    void aCorrectionMayHandOutASubstituteWithinItsLimitsAndRecordsThem() {
        fixture.given(partlyDispensed(0, 14))
                .when(correctedTo(FOURTEEN_DAYS_AT_MOST, 14))
                .expectEvents(new DispensingCorrectionTest().correctedAt(clock, PHARMACY_A, 1, 1, false,
                        List.of(new SubstituteSupply(1, FOURTEEN_DAYS_AT_MOST, qty(14), true, 14)),
                        itemOf(1, FOURTEEN_DAYS_AT_MOST, 14, 14)));
    }

    @Test
    void aCorrectionKeepsASubstituteToItsLongestSupply() {
        expectRefused(fixture.given(partlyDispensed(0, 20)).when(correctedTo(FOURTEEN_DAYS_AT_MOST, 20)),
                Refusal.DAYS_ABOVE_LONGEST_SUPPLY);
    }

    // ----- decided when it went out, never again -----

    @Test
    void whatWentOutUnderItsLimitsIsNotJudgedAgainUnderALaterCatalogue() {
        // 14 days of the generic went out while it allowed 14; a later list allows 7: the rest of the use is the
        // prescribed drug's, and nothing already handed out is judged again
        Object[] fourteenDaysOfIt = {issued(AMLODIPINE_ONLY, 0, DEFAULT_VALID_UNTIL), accepted(PHARMACY_A),
                dispensed(PHARMACY_A, 1, false, List.of(itemOf(1, FOURTEEN_DAYS_AT_MOST, 14, 14)),
                        List.of(new LineQuantity(1, qty(14))),
                        List.of(new SubstituteSupply(1, FOURTEEN_DAYS_AT_MOST, qty(14), true, 14)))};
        fixture = fixtureWith(sampleWith(NOT_FOR_REFILLS_ROW + "\n" + FOURTEEN_DAYS_ROW.replace(",yes,14,", ",yes,7,")));
        fixture.given(fourteenDaysOfIt)
                .when(dispense(PHARMACY_A, itemOf(1, AMLODIPINE_BRAND_A, 14, 14)))
                .expectEvents(dispensed(PHARMACY_A, 1, true, itemOf(1, AMLODIPINE_BRAND_A, 14, 14)), completed());
    }

    @Test
    void thePrescribedDrugsLimitsAreThoseJudgedAtIssueInEveryUse() {
        // amlodipine brand A was refillable at issue; a later list says it is not: use 2 still goes out as issued
        Object[] history = {issued(AMLODIPINE_ONLY, 1, DEFAULT_VALID_UNTIL), accepted(PHARMACY_A),
                dispensed(PHARMACY_A, 1, true, item(1, 28, 28)), refillScheduled(2, ISSUE_DAY.plusDays(28))};
        today(ISSUE_DAY.plusDays(27));
        fixture = fixtureWith(sampleChanged(AMLODIPINE_BRAND_A + ",", "oral-solid,yes,,", "oral-solid,no,,"));
        fixture.given(history).andGivenCommands(accept(PHARMACY_B))
                .when(dispense(PHARMACY_B, item(1, 28, 28)))
                .expectEvents(dispensed(PHARMACY_B, 2, true, item(1, 28, 28)), completed());
    }

    /** The bundled sample with one drug's row changed: {@code from} replaced by {@code to} in the row of that code. */
    private static DrugCatalogue sampleChanged(String rowStart, String from, String to) {
        try (java.io.InputStream drugs = CatalogueCsvLoader.class.getResourceAsStream(CatalogueCsvLoader.BUNDLED_DRUGS);
             java.io.InputStream pairs = CatalogueCsvLoader.class.getResourceAsStream(
                     CatalogueCsvLoader.BUNDLED_PAIRS)) {
            StringBuilder csv = new StringBuilder();
            for (String row : new String(drugs.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                csv.append(row.startsWith(rowStart) ? row.replace(from, to) : row).append('\n');
            }
            assertThat(csv.toString()).contains(rowStart);
            return CatalogueCsvLoader.load(new StringReader(csv.toString()),
                    new StringReader(new String(pairs.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Line 1 (with {@code refills}) accepted by pharmacy A, which handed out {@code days} days of its own drug. */
    private Object[] partlyDispensed(int refills, int days) {
        return new Object[]{issued(AMLODIPINE_ONLY, refills, DEFAULT_VALID_UNTIL), accepted(PHARMACY_A),
                dispensed(PHARMACY_A, 1, false, item(1, days, days))};
    }

    /** Pharmacy A corrects its first dispensing to {@code days} days of {@code substitute}, one tablet a day. */
    private static CorrectDispensing correctedTo(DrugCode substitute, int days) {
        return DispensingCorrectionTest.correct(PHARMACY_A, 1, itemOf(1, substitute, days, days));
    }

    /** Use 1 completed, its refill due tomorrow: pharmacy B holds use 2 and may not hand out 28 days of it. */
    private void expectRefusedInTheRefillUse(DrugCode substitute, Refusal refusal) {
        Object[] history = {issued(AMLODIPINE_ONLY, 1, DEFAULT_VALID_UNTIL), accepted(PHARMACY_A),
                dispensed(PHARMACY_A, 1, true, item(1, 28, 28)), refillScheduled(2, ISSUE_DAY.plusDays(28))};
        today(ISSUE_DAY.plusDays(27));
        expectRefused(fixture.given(history).andGivenCommands(accept(PHARMACY_B))
                .when(dispense(PHARMACY_B, itemOf(1, substitute, 28, 28))), refusal);
    }
}

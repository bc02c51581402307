package org.eprescription.api.pharmacy;

import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IssuedPrescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_GENERIC;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_HALF_STRENGTH;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.NIFEDIPINE_CAPSULE;
import static org.eprescription.api.support.Prescriptions.NIFEDIPINE_EXTENDED_RELEASE;
import static org.eprescription.api.support.Prescriptions.VALSARTAN_AMLODIPINE;
import static org.eprescription.api.support.Prescriptions.ZOLPIDEM;
import static org.eprescription.api.support.Prescriptions.ZOLPIDEM_DOUBLE_STRENGTH;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.line;
import static org.eprescription.api.support.Prescriptions.unique;

class DispensingLifecycleIT extends ExchangeIntegrationTest {

    /** The usual body of a new institution, with this one line instead. */
    private static Map<String, Object> withLine(Map<String, Object> line) {
        Map<String, Object> body = issue(unique("HOSP"));
        body.put("lines", List.of(line));
        return body;
    }

    /** The usual body of a new institution, with one refill of one amlodipine line: a tablet a day for these days. */
    private static Map<String, Object> withOneRefill(int days) {
        Map<String, Object> body = withLine(line(1, AMLODIPINE_BRAND, days, days));
        body.put("refills", 1);
        return body;
    }

    /**
     * PH-A dispenses the whole first use of a {@link #withOneRefill} prescription, which then awaits its refill; PH-B
     * may not accept the refill on the same day. The first dispensing's answer.
     */
    private Response firstUseDispensedWholeAndRefillRefusedThatDay(IssuedPrescription rx, int days) {
        Response firstUse = dispensing(rx, "PH-A", true, item(1, AMLODIPINE_BRAND, days, days));
        Response sameDay = accepting(rx, "PH-B");

        assertThat(firstUse.text("status")).isEqualTo("AWAITING_REFILL");
        assertRefused(sameDay, 409, "REFILL_WINDOW_NOT_OPEN");
        return firstUse;
    }

    /** A dispensing refused with a 422 problem of this refusal and type left the prescription accepted, undispensed. */
    private void assertRefusedAsProblemAndNothingDispensed(IssuedPrescription rx, Response refused, String refusal,
                                                          String type) {
        assertRefused(refused, 422, refusal);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("type")).isEqualTo(type);
        Response view = api().get(rx.path());
        assertThat(view.text("status")).isEqualTo("ACCEPTED");
        assertThat(view.body().path("dispensings").size()).isZero();
    }

    @Test
    void aPharmacyAcceptsWithTheExchangeCodeAndBirthDate() {
        IssuedPrescription rx = issued(issue(unique("HOSP")));

        Response accepted = accepting(rx, "PH-A");

        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.text("prescriptionId")).isEqualTo(rx.id());
        assertThat(accepted.text("status")).isEqualTo("ACCEPTED");
        assertThat(accepted.text("pharmacyId")).isEqualTo("PH-A");
    }

    @Test
    void theCodeWithoutTheRightBirthDateAnswersExactlyLikeAnUnknownCode() {
        IssuedPrescription rx = issued(issue(unique("HOSP")));

        Response wrongBirthDate = api().post("/prescriptions/accept",
                accept(rx.exchangeCode(), BIRTH_DATE.plusDays(1), "PH-A"));
        Response unknownCode = api().post("/prescriptions/accept",
                accept("0000-0000-0000-0000", BIRTH_DATE, "PH-A"));

        assertThat(wrongBirthDate.status()).isEqualTo(404);
        assertThat(unknownCode.status()).isEqualTo(404);
        assertThat(wrongBirthDate.body()).isEqualTo(unknownCode.body());
        assertThat(api().get(rx.path()).text("status")).isEqualTo("ISSUED");
    }

    @Test
    void aPrescriptionHeldByOnePharmacyCannotBeAcceptedByAnother() {
        IssuedPrescription rx = acceptedBy("PH-A");

        Response second = accepting(rx, "PH-B");

        assertRefused(second, 409, "HELD_BY_ANOTHER_PHARMACY");
        assertThat(api().get(rx.path()).text("pharmacyId")).isEqualTo("PH-A");
    }

    @Test
    void aReleasedPrescriptionCanBeAcceptedByAnotherPharmacy() {
        IssuedPrescription rx = acceptedBy("PH-A");

        Response released = releasing(rx, "PH-A", "out of stock");
        Response acceptedElsewhere = accepting(rx, "PH-B");

        assertThat(released.status()).isEqualTo(200);
        assertThat(released.text("status")).isEqualTo("ISSUED");
        assertThat(released.body().path("pharmacyId").isNull()).isTrue();
        assertThat(acceptedElsewhere.text("pharmacyId")).isEqualTo("PH-B");
    }

    @Test
    void onlyTheHoldingPharmacyMayReleaseOrDispense() {
        IssuedPrescription rx = acceptedBy("PH-A");

        Response release = releasing(rx, "PH-B", "x");
        Response dispense = dispensing(rx, "PH-B", true, item(1, AMLODIPINE_BRAND, 28, 28));

        assertThat(release.status()).isEqualTo(403);
        assertThat(dispense.status()).isEqualTo(403);
        assertThat(api().get(rx.path()).body().path("dispensings").size()).isZero();
    }

    @Test
    void aPartialDispensingKeepsThePrescriptionWithThePharmacyUntilTheRestIsGiven() {
        IssuedPrescription rx = acceptedBy("PH-A");

        Response partial = dispensing(rx, "PH-A", false, item(1, AMLODIPINE_BRAND, 10, 10));
        Response tooMuch = dispensing(rx, "PH-A", false, item(1, AMLODIPINE_BRAND, 19, 19));
        Response rest = dispensing(rx, "PH-A", false, item(1, AMLODIPINE_BRAND, 18, 18));

        assertThat(partial.text("status")).isEqualTo("ACCEPTED");
        assertThat(partial.body().path("lines").get(0).path("dispensedQuantity").asInt()).isEqualTo(10);
        assertRefused(tooMuch, 422, "QUANTITY_EXCEEDS_REMAINING");
        assertThat(rest.text("status")).isEqualTo("COMPLETED");
        assertThat(rest.body().path("dispensings").size()).isEqualTo(2);
        assertThat(rest.body().path("usesLeft").asInt()).isZero();
    }

    @Test
    void aGenericOfTheSameIngredientMayBeDispensedButNotAnotherProduct() {
        IssuedPrescription rx = acceptedBy("PH-A");

        Response combination = dispensing(rx, "PH-A", true, item(1, VALSARTAN_AMLODIPINE, 28, 28));
        Response generic = dispensing(rx, "PH-A", true, item(1, AMLODIPINE_GENERIC, 28, 28));

        assertRefused(combination, 422, "SUBSTITUTE_NOT_EQUIVALENT");
        assertThat(generic.status()).isEqualTo(200);
        assertThat(generic.body().path("dispensings").get(0).path("items").get(0).path("drugCode").asText())
                .isEqualTo(AMLODIPINE_GENERIC);
    }

    static Stream<Arguments> substitutesOfAnotherStrengthOrForm() {
        return Stream.of(
                Arguments.of("double the strength is not dose-equivalent", line(1, ZOLPIDEM, 14, 14),
                        item(1, ZOLPIDEM_DOUBLE_STRENGTH, 14, 14), "SUBSTITUTE_NOT_DOSE_EQUIVALENT",
                        "/problems/substitute-not-dose-equivalent"),
                Arguments.of("extended release for immediate release is another form",
                        line(1, NIFEDIPINE_CAPSULE, 42, 14), item(1, NIFEDIPINE_EXTENDED_RELEASE, 21, 14),
                        "SUBSTITUTE_OTHER_FORM", "/problems/substitute-other-form"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("substitutesOfAnotherStrengthOrForm")
    void aSubstituteOfAnotherStrengthOrFormIsRefusedAsAProblemThatNamesIt(
            String substitution, Map<String, Object> prescribed, Map<String, Object> substitute, String refusal,
            String type) {
        IssuedPrescription rx = acceptedBy("PH-A", withLine(prescribed));

        Response refused = dispensing(rx, "PH-A", true, substitute);

        assertRefusedAsProblemAndNothingDispensed(rx, refused, refusal, type);
        assertThat(refused.text("detail")).contains(substitute.get("drugCode").toString());
    }

    @Test
    void halfTheStrengthInDoubleTheQuantityIsDispensedAndCompletesThePrescription() {
        IssuedPrescription rx = acceptedBy("PH-A");

        Response halfStrength = dispensing(rx, "PH-A", false, item(1, AMLODIPINE_HALF_STRENGTH, 56, 28));

        assertThat(halfStrength.status()).isEqualTo(200);
        assertThat(halfStrength.text("status")).as("56 x 2.5 mg is the whole 28 x 5 mg").isEqualTo("COMPLETED");
        assertThat(halfStrength.body().path("dispensings").get(0).path("items").get(0).path("drugCode").asText())
                .isEqualTo(AMLODIPINE_HALF_STRENGTH);
    }

    @Test
    void dispensingAPrescriptionThePharmacyDoesNotHoldIsForbiddenAndAnUnknownOneIsNotFound() {
        IssuedPrescription rx = issued(issue(unique("HOSP")));

        Response notHeld = dispensing(rx, "PH-A", true, item(1, AMLODIPINE_BRAND, 28, 28));
        Response unknown = api().post("/prescriptions/" + java.util.UUID.randomUUID() + "/dispense",
                dispense("PH-A", true, item(1, AMLODIPINE_BRAND, 28, 28)));

        assertThat(notHeld.status()).isEqualTo(403);
        assertThat(notHeld.text("refusal")).as("nothing of how it stands: not NOT_HELD").isEmpty();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("type")).isEqualTo("/problems/not-found");
        assertThat(api().get(rx.path()).body().path("status").asText()).isEqualTo("ISSUED");
    }

    @Test
    void aRefillWaitsForItsWindowAndThenRunsToCompletion() {
        IssuedPrescription rx = acceptedBy("PH-A", withOneRefill(28));

        Response firstUse = firstUseDispensedWholeAndRefillRefusedThatDay(rx, 28);

        assertThat(firstUse.body().path("usesLeft").asInt()).isEqualTo(1);
        assertThat(firstUse.body().path("refillWindow").path("plannedDate").asText())
                .isEqualTo(clock.today().plusDays(28).toString());

        clock.advance(Duration.ofDays(25));
        Response refillAccepted = accepting(rx, "PH-B");
        Response secondUse = dispensing(rx, "PH-B", true, item(1, AMLODIPINE_BRAND, 28, 28));

        assertThat(refillAccepted.status()).isEqualTo(200);
        assertThat(refillAccepted.body().path("currentUse").asInt()).isEqualTo(2);
        assertThat(secondUse.text("status")).isEqualTo("COMPLETED");
        assertThat(secondUse.body().path("dispensings").size()).isEqualTo(2);
    }

    @Test
    void aDispensingMayNotSupplyMoreDaysThanTheLinePrescribes() {
        IssuedPrescription rx = acceptedBy("PH-A");

        Response aYear = dispensing(rx, "PH-A", true, item(1, AMLODIPINE_BRAND, 28, 365));

        assertRefusedAsProblemAndNothingDispensed(rx, aYear, "SUPPLY_LONGER_THAN_PRESCRIBED",
                "/problems/supply-longer-than-prescribed");
    }

    @Test
    void aRefillUseCannotBeAcceptedOnTheDayThePreviousUseWasDispensed() {
        IssuedPrescription rx = acceptedBy("PH-A", withOneRefill(7));

        // planned for day 7: its window (day 0 to day 14) would open on the dispensing day itself
        Response firstUse = firstUseDispensedWholeAndRefillRefusedThatDay(rx, 7);

        assertThat(firstUse.body().path("refillWindow").path("opens").asText())
                .isEqualTo(clock.today().plusDays(1).toString());

        clock.advance(Duration.ofDays(1));
        Response nextDay = accepting(rx, "PH-B");

        assertThat(nextDay.status()).isEqualTo(200);
        assertThat(nextDay.body().path("currentUse").asInt()).isEqualTo(2);
    }
}

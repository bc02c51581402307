package org.eprescription.api.pharmacy;

import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IssuedPrescription;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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

    @Test
    void aPharmacyAcceptsWithTheExchangeCodeAndBirthDate() {
        IssuedPrescription rx = issued(issue(unique("HOSP")));

        Response accepted = api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, "PH-A"));

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

        Response second = api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, "PH-B"));

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.text("refusal")).isEqualTo("HELD_BY_ANOTHER_PHARMACY");
        assertThat(api().get(rx.path()).text("pharmacyId")).isEqualTo("PH-A");
    }

    @Test
    void aReleasedPrescriptionCanBeAcceptedByAnotherPharmacy() {
        IssuedPrescription rx = acceptedBy("PH-A");

        Response released = api().post(rx.path() + "/release", Map.of("pharmacyId", "PH-A", "reason", "out of stock"));
        Response acceptedElsewhere = api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, "PH-B"));

        assertThat(released.status()).isEqualTo(200);
        assertThat(released.text("status")).isEqualTo("ISSUED");
        assertThat(released.body().path("pharmacyId").isNull()).isTrue();
        assertThat(acceptedElsewhere.text("pharmacyId")).isEqualTo("PH-B");
    }

    @Test
    void onlyTheHoldingPharmacyMayReleaseOrDispense() {
        IssuedPrescription rx = acceptedBy("PH-A");

        Response release = api().post(rx.path() + "/release", Map.of("pharmacyId", "PH-B", "reason", "x"));
        Response dispense = api().post(rx.path() + "/dispense",
                dispense("PH-B", true, item(1, AMLODIPINE_BRAND, 28, 28)));

        assertThat(release.status()).isEqualTo(403);
        assertThat(dispense.status()).isEqualTo(403);
        assertThat(api().get(rx.path()).body().path("dispensings").size()).isZero();
    }

    @Test
    void aPartialDispensingKeepsThePrescriptionWithThePharmacyUntilTheRestIsGiven() {
        IssuedPrescription rx = acceptedBy("PH-A");

        Response partial = api().post(rx.path() + "/dispense",
                dispense("PH-A", false, item(1, AMLODIPINE_BRAND, 10, 10)));
        Response tooMuch = api().post(rx.path() + "/dispense",
                dispense("PH-A", false, item(1, AMLODIPINE_BRAND, 19, 19)));
        Response rest = api().post(rx.path() + "/dispense",
                dispense("PH-A", false, item(1, AMLODIPINE_BRAND, 18, 18)));

        assertThat(partial.text("status")).isEqualTo("ACCEPTED");
        assertThat(partial.body().path("lines").get(0).path("dispensedQuantity").asInt()).isEqualTo(10);
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.text("refusal")).isEqualTo("QUANTITY_EXCEEDS_REMAINING");
        assertThat(rest.text("status")).isEqualTo("COMPLETED");
        assertThat(rest.body().path("dispensings").size()).isEqualTo(2);
        assertThat(rest.body().path("usesLeft").asInt()).isZero();
    }

    @Test
    void aGenericOfTheSameIngredientMayBeDispensedButNotAnotherProduct() {
        IssuedPrescription rx = acceptedBy("PH-A");

        Response combination = api().post(rx.path() + "/dispense",
                dispense("PH-A", true, item(1, VALSARTAN_AMLODIPINE, 28, 28)));
        Response generic = api().post(rx.path() + "/dispense",
                dispense("PH-A", true, item(1, AMLODIPINE_GENERIC, 28, 28)));

        assertThat(combination.status()).isEqualTo(422);
        assertThat(combination.text("refusal")).isEqualTo("SUBSTITUTE_NOT_EQUIVALENT");
        assertThat(generic.status()).isEqualTo(200);
        assertThat(generic.body().path("dispensings").get(0).path("items").get(0).path("drugCode").asText())
                .isEqualTo(AMLODIPINE_GENERIC);
    }

    @Test
    void doubleTheStrengthIsRefusedAsNotDoseEquivalent() {
        IssuedPrescription rx = acceptedBy("PH-A", withLine(line(1, ZOLPIDEM, 14, 14)));

        Response doubleStrength = api().post(rx.path() + "/dispense",
                dispense("PH-A", true, item(1, ZOLPIDEM_DOUBLE_STRENGTH, 14, 14)));

        assertThat(doubleStrength.status()).isEqualTo(422);
        assertThat(doubleStrength.contentType()).startsWith("application/problem+json");
        assertThat(doubleStrength.text("refusal")).isEqualTo("SUBSTITUTE_NOT_DOSE_EQUIVALENT");
        assertThat(doubleStrength.text("type")).isEqualTo("/problems/substitute-not-dose-equivalent");
        assertThat(doubleStrength.text("detail")).contains(ZOLPIDEM_DOUBLE_STRENGTH);
        Response view = api().get(rx.path());
        assertThat(view.text("status")).isEqualTo("ACCEPTED");
        assertThat(view.body().path("dispensings").size()).isZero();
    }

    @Test
    void halfTheStrengthInDoubleTheQuantityIsDispensedAndCompletesThePrescription() {
        IssuedPrescription rx = acceptedBy("PH-A");

        Response halfStrength = api().post(rx.path() + "/dispense",
                dispense("PH-A", false, item(1, AMLODIPINE_HALF_STRENGTH, 56, 28)));

        assertThat(halfStrength.status()).isEqualTo(200);
        assertThat(halfStrength.text("status")).as("56 x 2.5 mg is the whole 28 x 5 mg").isEqualTo("COMPLETED");
        assertThat(halfStrength.body().path("dispensings").get(0).path("items").get(0).path("drugCode").asText())
                .isEqualTo(AMLODIPINE_HALF_STRENGTH);
    }

    @Test
    void extendedReleaseForImmediateReleaseIsRefusedAsAnotherForm() {
        IssuedPrescription rx = acceptedBy("PH-A", withLine(line(1, NIFEDIPINE_CAPSULE, 42, 14)));

        Response extendedRelease = api().post(rx.path() + "/dispense",
                dispense("PH-A", true, item(1, NIFEDIPINE_EXTENDED_RELEASE, 21, 14)));

        assertThat(extendedRelease.status()).isEqualTo(422);
        assertThat(extendedRelease.text("refusal")).isEqualTo("SUBSTITUTE_OTHER_FORM");
        assertThat(extendedRelease.text("type")).isEqualTo("/problems/substitute-other-form");
    }

    @Test
    void dispensingAPrescriptionThePharmacyDoesNotHoldIsForbiddenAndSaysNoMoreThanForAnUnknownOne() {
        IssuedPrescription rx = issued(issue(unique("HOSP")));

        Response notHeld = api().post(rx.path() + "/dispense",
                dispense("PH-A", true, item(1, AMLODIPINE_BRAND, 28, 28)));
        Response unknown = api().post("/prescriptions/" + java.util.UUID.randomUUID() + "/dispense",
                dispense("PH-A", true, item(1, AMLODIPINE_BRAND, 28, 28)));

        assertThat(notHeld.status()).isEqualTo(403);
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(notHeld.body().path("detail")).isEqualTo(unknown.body().path("detail"));
        assertThat(api().get(rx.path()).body().path("status").asText()).isEqualTo("ISSUED");
    }

    @Test
    void aRefillWaitsForItsWindowAndThenRunsToCompletion() {
        var body = issue(unique("HOSP"));
        body.put("refills", 1);
        body.put("lines", List.of(line(1, AMLODIPINE_BRAND, 28, 28)));
        IssuedPrescription rx = acceptedBy("PH-A", body);

        Response firstUse = api().post(rx.path() + "/dispense",
                dispense("PH-A", true, item(1, AMLODIPINE_BRAND, 28, 28)));
        Response tooEarly = api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, "PH-B"));

        assertThat(firstUse.text("status")).isEqualTo("AWAITING_REFILL");
        assertThat(firstUse.body().path("usesLeft").asInt()).isEqualTo(1);
        assertThat(firstUse.body().path("refillWindow").path("plannedDate").asText())
                .isEqualTo(clock.today().plusDays(28).toString());
        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.text("refusal")).isEqualTo("REFILL_WINDOW_NOT_OPEN");

        clock.advance(Duration.ofDays(25));
        Response refillAccepted = api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, "PH-B"));
        Response secondUse = api().post(rx.path() + "/dispense",
                dispense("PH-B", true, item(1, AMLODIPINE_BRAND, 28, 28)));

        assertThat(refillAccepted.status()).isEqualTo(200);
        assertThat(refillAccepted.body().path("currentUse").asInt()).isEqualTo(2);
        assertThat(secondUse.text("status")).isEqualTo("COMPLETED");
        assertThat(secondUse.body().path("dispensings").size()).isEqualTo(2);
    }

    @Test
    void aDispensingMayNotSupplyMoreDaysThanTheLinePrescribes() {
        IssuedPrescription rx = acceptedBy("PH-A");

        Response aYear = api().post(rx.path() + "/dispense",
                dispense("PH-A", true, item(1, AMLODIPINE_BRAND, 28, 365)));

        assertThat(aYear.status()).isEqualTo(422);
        assertThat(aYear.text("refusal")).isEqualTo("SUPPLY_LONGER_THAN_PRESCRIBED");
        assertThat(aYear.text("type")).isEqualTo("/problems/supply-longer-than-prescribed");
        Response view = api().get(rx.path());
        assertThat(view.text("status")).isEqualTo("ACCEPTED");
        assertThat(view.body().path("dispensings").size()).isZero();
    }

    @Test
    void aRefillUseCannotBeAcceptedOnTheDayThePreviousUseWasDispensed() {
        var body = issue(unique("HOSP"));
        body.put("refills", 1);
        body.put("lines", List.of(line(1, AMLODIPINE_BRAND, 7, 7)));
        IssuedPrescription rx = acceptedBy("PH-A", body);
        // planned for day 7: its window (day 0 to day 14) would open on the dispensing day itself
        Response firstUse = api().post(rx.path() + "/dispense",
                dispense("PH-A", true, item(1, AMLODIPINE_BRAND, 7, 7)));

        Response sameDay = api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, "PH-B"));

        assertThat(firstUse.text("status")).isEqualTo("AWAITING_REFILL");
        assertThat(firstUse.body().path("refillWindow").path("opens").asText())
                .isEqualTo(clock.today().plusDays(1).toString());
        assertThat(sameDay.status()).isEqualTo(409);
        assertThat(sameDay.text("refusal")).isEqualTo("REFILL_WINDOW_NOT_OPEN");

        clock.advance(Duration.ofDays(1));
        Response nextDay = api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, "PH-B"));

        assertThat(nextDay.status()).isEqualTo(200);
        assertThat(nextDay.body().path("currentUse").asInt()).isEqualTo(2);
    }
}

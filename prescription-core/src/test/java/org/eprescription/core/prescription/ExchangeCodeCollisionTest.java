package org.eprescription.core.prescription;

import org.eprescription.core.refusal.Refusal;

import org.eprescription.core.code.CodeDerivation;
import org.eprescription.core.code.ExchangeCodes;
import org.eprescription.core.code.LiveExchangeCodes;
import org.eprescription.core.interaction.InteractionChecker;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.core.testsupport.SampleDrugs.CATALOGUE;

/**
 * An issue never hands out a code a live prescription holds: it derives again with the next attempt and records the
 * attempt; codes derived with an older key keep working once a new key is current.
 */
class ExchangeCodeCollisionTest extends PrescriptionTestSupport {

    private static final byte[] K2 = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    /** k2 is current, k1 (that of {@link #EXCHANGE_CODES}) is kept. */
    private static final ExchangeCodes ROTATED = new ExchangeCodes("k2", Map.of("k1", KEY, "k2", K2));

    private final Set<String> live = new HashSet<>();

    @Override
    LiveExchangeCodes liveCodes() {
        return hashes -> hashes.stream().anyMatch(live::contains);
    }

    @Test
    void aCodeALivePrescriptionHoldsIsDerivedAgainAndTheAttemptIsRecorded() {
        live.add(CODE_HASH);
        String second = EXCHANGE_CODES.codeFor(ID, "k1", 1);
        assertThat(second).isNotEqualTo(EXCHANGE_CODES.codeFor(ID));

        fixture.givenNoPriorActivity()
                .when(issue())
                .expectEvents(issuedWith(EXCHANGE_CODES.hashOf(second), "k1", 1))
                .expectResultMessagePayload(new CommandOutcome(0L, null, new CodeDerivation("k1", 1)));
    }

    @Test
    void everyHeldDerivationIsSkipped() {
        live.add(CODE_HASH);
        live.add(EXCHANGE_CODES.hashFor(ID, "k1", 1));

        fixture.givenNoPriorActivity()
                .when(issue())
                .expectEvents(issuedWith(EXCHANGE_CODES.hashFor(ID, "k1", 2), "k1", 2));
    }

    @Test
    void theDerivedAgainCodeIsAcceptedAndTheFirstOneIsNot() {
        String second = EXCHANGE_CODES.codeFor(ID, "k1", 1);
        PrescriptionIssued issued = issuedWith(EXCHANGE_CODES.hashOf(second), "k1", 1);

        fixture.given(issued)
                .when(acceptWith(EXCHANGE_CODES.hashOf(second), BIRTH_DATE, PHARMACY_A))
                .expectEvents(accepted(PHARMACY_A));
        expectRefused(fixtureWith(ValidUntilHorizon.DEFAULT).given(issued)
                        .when(acceptWith(CODE_HASH, BIRTH_DATE, PHARMACY_A)),
                Refusal.UNKNOWN_EXCHANGE_CODE);
    }

    @Test
    void aRetriedIssueAnswersTheRecordedDerivationEvenWhenItsFirstCodeIsFreeAgain() {
        fixture.given(issuedWith(EXCHANGE_CODES.hashFor(ID, "k1", 1), "k1", 1))
                .when(issue())
                .expectNoEvents()
                .expectResultMessagePayload(new CommandOutcome(0L, null, new CodeDerivation("k1", 1)));
    }

    @Test
    void theSameDigitsUnderAnotherKeptKeyAreACollisionToo() {
        String digits = ROTATED.codeFor(ID, "k2", 0);
        live.add(ROTATED.hashOf(digits, "k1"));

        rotatedFixture().givenNoPriorActivity()
                .when(issue())
                .expectEvents(issuedWith(ROTATED.hashFor(ID, "k2", 1), "k2", 1));
    }

    @Test
    void newCodesUseTheCurrentKeyAndCodesOfTheOldKeyAreStillAccepted() {
        rotatedFixture().givenNoPriorActivity()
                .when(issue())
                .expectEvents(issuedWith(ROTATED.hashFor(ID, "k2", 0), "k2", 0));

        String oldCode = EXCHANGE_CODES.codeFor(ID);
        assertThat(ROTATED.hashesOf(oldCode)).contains(CODE_HASH);
        rotatedFixture().given(issued())
                .when(acceptWith(ROTATED.hashOf(oldCode, "k1"), BIRTH_DATE, PHARMACY_A))
                .expectEvents(accepted(PHARMACY_A));
        rotatedFixture().given(issued())
                .when(issue())
                .expectNoEvents()
                .expectResultMessagePayload(new CommandOutcome(0L, null, FIRST_CODE));
    }

    @Test
    void whenEveryDerivationIsHeldTheIssueFailsAndRecordsNothing() {
        for (int attempt = 0; attempt < ExchangeCodes.MAX_ATTEMPTS; attempt++) {
            live.add(EXCHANGE_CODES.hashFor(ID, "k1", attempt));
        }

        fixture.givenNoPriorActivity()
                .when(issue())
                .expectNoEvents()
                .expectException(IllegalStateException.class);
    }

    private PrescriptionIssued issuedWith(String hash, String keyId, int attempt) {
        return new PrescriptionIssued(ID, PATIENT, PRESCRIBER, LINES, 0, DEFAULT_VALID_UNTIL, hash, keyId, attempt,
                List.of(), clock.instant(), clock.today());
    }

    private AggregateTestFixture<Prescription> rotatedFixture() {
        AggregateTestFixture<Prescription> rotated = new AggregateTestFixture<>(Prescription.class);
        rotated.registerIgnoredField(PrescriptionIssued.class, "drugs");
        rotated.registerInjectableResource(CATALOGUE);
        rotated.registerInjectableResource(ROTATED);
        rotated.registerInjectableResource(liveCodes());
        rotated.registerInjectableResource(ValidUntilHorizon.DEFAULT);
        rotated.registerInjectableResource(clock);
        rotated.registerInjectableResource(InteractionChecker.disabled());
        return rotated;
    }
}

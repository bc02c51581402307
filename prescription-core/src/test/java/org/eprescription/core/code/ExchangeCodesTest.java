package org.eprescription.core.code;

import org.eprescription.core.ids.PrescriptionId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExchangeCodesTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    private static final PrescriptionId ID = PrescriptionId.of("6f1c2a3e-9b1d-4c55-8f0e-2a7d9e1b3c44");
    private static final PrescriptionId OTHER_ID = PrescriptionId.of("0b7e4f0c-1111-4a2b-9c3d-5e6f7a8b9c0d");

    private final ExchangeCodes codes = new ExchangeCodes(KEY);

    @Test
    void theCodeIsDeterministicForAnIdAndAKey() {
        assertThat(codes.codeFor(ID)).isEqualTo(codes.codeFor(ID));
        assertThat(new ExchangeCodes(KEY.clone()).codeFor(ID)).isEqualTo(codes.codeFor(ID));
        assertThat(codes.hashFor(ID)).isEqualTo(new ExchangeCodes(KEY.clone()).hashFor(ID));
    }

    @Test
    void differentIdsGetDifferentCodes() {
        assertThat(codes.codeFor(ID)).isNotEqualTo(codes.codeFor(OTHER_ID));
        assertThat(codes.hashFor(ID)).isNotEqualTo(codes.hashFor(OTHER_ID));
    }

    @Test
    void manyRandomIdsGetDistinctCodes() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(codes.codeFor(PrescriptionId.random()))).isTrue();
        }
    }

    @Test
    void differentKeysGiveDifferentCodesAndHashes() {
        ExchangeCodes other = new ExchangeCodes(OTHER_KEY);
        assertThat(other.codeFor(ID)).isNotEqualTo(codes.codeFor(ID));
        assertThat(other.hashOf(codes.codeFor(ID))).isNotEqualTo(codes.hashOf(codes.codeFor(ID)));
    }

    @Test
    void theKeyIsCopiedSoLaterChangesToTheArrayDoNotMatter() {
        byte[] key = KEY.clone();
        ExchangeCodes fromKey = new ExchangeCodes(key);
        String before = fromKey.codeFor(ID);
        key[0] ^= 1;
        assertThat(fromKey.codeFor(ID)).isEqualTo(before);
    }

    @Test
    void theCodeIsFourGroupsOfFourDigits() {
        for (int i = 0; i < 200; i++) {
            assertThat(codes.codeFor(PrescriptionId.random())).matches("\\d{4}-\\d{4}-\\d{4}-\\d{4}");
        }
        assertThat(codes.codeFor(ID)).matches("\\d{4}-\\d{4}-\\d{4}-\\d{4}");
    }

    @Test
    void theHashIgnoresSpacesAndHyphens() {
        String code = codes.codeFor(ID);
        String digits = code.replace("-", "");
        String hash = codes.hashOf(code);
        assertThat(codes.hashOf(digits)).isEqualTo(hash);
        assertThat(codes.hashOf(code.replace("-", " "))).isEqualTo(hash);
        assertThat(codes.hashOf(" " + digits.substring(0, 8) + " - " + digits.substring(8) + "\t")).isEqualTo(hash);
        assertThat(codes.hashFor(ID)).isEqualTo(hash);
    }

    @Test
    void theHashDiffersFromTheCodeAndDoesNotContainIt() {
        String code = codes.codeFor(ID);
        String hash = codes.hashFor(ID);
        assertThat(hash).isNotEqualTo(code).doesNotContain(code).doesNotContain(code.replace("-", ""));
        assertThat(hash).matches("[0-9a-f]{64}");
    }

    @Test
    void aDifferentCodeHasADifferentHash() {
        assertThat(codes.hashOf("1111-2222-3333-4444")).isNotEqualTo(codes.hashOf("1111-2222-3333-4445"));
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new ExchangeCodes(new byte[15])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExchangeCodes(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExchangeCodes(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSixteenByteKeyIsTheMinimum() {
        assertThat(new ExchangeCodes(new byte[16]).codeFor(ID)).matches("\\d{4}-\\d{4}-\\d{4}-\\d{4}");
    }

    @Test
    void attemptZeroIsTheFirstDerivationAndLaterAttemptsGiveOtherCodes() {
        assertThat(codes.codeFor(ID, "k1", 0)).isEqualTo(codes.codeFor(ID));
        assertThat(codes.hashFor(ID, "k1", 0)).isEqualTo(codes.hashFor(ID));
        Set<String> seen = new HashSet<>();
        for (int attempt = 0; attempt < ExchangeCodes.MAX_ATTEMPTS; attempt++) {
            assertThat(seen.add(codes.codeFor(ID, "k1", attempt))).isTrue();
        }
    }

    @Test
    void withSeveralKeysNewCodesUseTheCurrentOneAndEveryKeyHashes() {
        ExchangeCodes rotated = new ExchangeCodes("k2", java.util.Map.of("k1", KEY, "k2", OTHER_KEY));

        assertThat(rotated.keyId()).isEqualTo("k2");
        assertThat(rotated.keyIds()).containsExactlyInAnyOrder("k1", "k2");
        assertThat(rotated.codeFor(ID)).isEqualTo(new ExchangeCodes(OTHER_KEY).codeFor(ID));
        assertThat(rotated.codeFor(ID, "k1", 0)).isEqualTo(codes.codeFor(ID));
        String oldCode = codes.codeFor(ID);
        assertThat(rotated.hashesOf(oldCode)).containsExactly(rotated.hashOf(oldCode, "k2"), codes.hashOf(oldCode));
        assertThatThrownBy(() -> rotated.codeFor(ID, "k3", 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theCurrentKeyMustBeConfiguredAndKeyIdsAreShort() {
        assertThatThrownBy(() -> new ExchangeCodes("k2", java.util.Map.of("k1", KEY)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExchangeCodes("k 2", java.util.Map.of("k 2", KEY)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

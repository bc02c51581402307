package org.eprescription.core.code;

import org.eprescription.core.ids.PrescriptionId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known answers of the exchange-code derivation: a fixed key and a fixed prescription id give exactly these codes
 * and hashes. Every code ever issued was derived this way and every stored {@code PrescriptionIssued} holds such a
 * hash, so a change to the derivation (the HMAC input, the reduction to 16 digits, the grouping, the hash's input or
 * encoding) would silently invalidate them all; here it fails instead.
 *
 * <p>The literals were computed once, independently of this code (Python's {@code hmac}/{@code hashlib}):
 * code = the first 8 bytes of HMAC-SHA256(key, "exchange-code:" + id) as an unsigned big-endian number, modulo
 * 10^16, as 16 digits in groups of four; hash = hex of HMAC-SHA256(key, "exchange-code-hash:" + the 16 digits).
 * A code derived again because a live prescription held it (attempt n of 1 or more) appends {@code ":" + n} to the
 * code's input; attempt 0 is the input above. A key other than the first hashes the same way with its own bytes.
 * Never change them to make a test pass: a different answer means issued codes stop working.
 */
class ExchangeCodeVectorsTest {

    /** A key as a deployment configures it: {@code EXCHANGE_CODE_KEY} is used as its UTF-8 bytes. */
    private static final byte[] KEY = "known-answer-vector-key-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final PrescriptionId README_ID = PrescriptionId.of("8d5c0f3e-6c1a-4f7e-9a57-3f0c2b9b1e11");

    private final ExchangeCodes codes = new ExchangeCodes(KEY);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # vector                      | key, as its UTF-8 bytes               | prescription id                      | code                | hash
            a fixed key and id            | known-answer-vector-key-0123456789    | 8d5c0f3e-6c1a-4f7e-9a57-3f0c2b9b1e11 | 0783-4105-3346-7287 | 7a8d6f4b799e9445d87d33a73c3968629f6ea5b8606adff1ba091fb517dae9d9
            another id under the same key | known-answer-vector-key-0123456789    | 00000000-0000-4000-8000-000000000001 | 3974-6502-1954-0188 | 06a2b51e24c3e02a35366baac0d8fbed28852a354abbece5407a6c8013d73918
            the integration tests' key    | integration-test-key-0123456789abcdef | 8d5c0f3e-6c1a-4f7e-9a57-3f0c2b9b1e11 | 0570-3061-8436-1432 | 68ea3602dcdbec2b95f634fbd8d8fbe3304a87ca1bdb65969577e92ae55ec239
            """)
    void aKeyAndAnIdGiveThisCodeAndHash(String vector, String key, String prescriptionId, String code, String hash) {
        ExchangeCodes underKey = new ExchangeCodes(key.getBytes(StandardCharsets.UTF_8));
        assertThat(underKey.codeFor(PrescriptionId.of(prescriptionId))).isEqualTo(code);
        assertThat(underKey.hashFor(PrescriptionId.of(prescriptionId))).isEqualTo(hash);
    }

    @Test
    void theShortestKeyAllowedGivesThisCode() {
        ExchangeCodes zeros = new ExchangeCodes(new byte[16]);
        assertThat(zeros.codeFor(README_ID)).isEqualTo("9732-8867-5827-9891");
        assertThat(zeros.hashFor(README_ID))
                .isEqualTo("0c8164f7aa4e9bcf3003696c6f870098ee7c4758bfd0ef6eacb6231d05f4fa86");
    }

    @Test
    void theCodeAsTypedAtTheCounterHashesToTheStoredHash() {
        String stored = "7a8d6f4b799e9445d87d33a73c3968629f6ea5b8606adff1ba091fb517dae9d9";
        assertThat(codes.hashOf("0783-4105-3346-7287")).isEqualTo(stored);
        assertThat(codes.hashOf("0783410533467287")).isEqualTo(stored);
        assertThat(codes.hashOf(" 0783 4105 3346 7287 ")).isEqualTo(stored);
    }

    @Test
    void codesOfThisDerivationCarryTheFirstKeyId() {
        assertThat(codes.keyId()).isEqualTo("k1").isEqualTo(ExchangeCodes.FIRST_KEY_ID);
    }

    @Test
    void aCodeDerivedAgainAppendsTheAttemptToTheInput() {
        assertThat(codes.codeFor(README_ID, "k1", 0)).isEqualTo("0783-4105-3346-7287");
        assertThat(codes.codeFor(README_ID, "k1", 1)).isEqualTo("3070-4830-4175-3442");
        assertThat(codes.hashFor(README_ID, "k1", 1))
                .isEqualTo("93a22ed61612ee1ac4919b087b9b9cec65a544c38ab2b128720cadc7127d0128");
    }

    @Test
    void aSecondKeyHashesTheSameDigitsWithItsOwnBytes() {
        ExchangeCodes rotated = new ExchangeCodes("k2", java.util.Map.of("k1", KEY,
                "k2", "known-answer-vector-key-k2-0123456789".getBytes(StandardCharsets.UTF_8)));
        assertThat(rotated.hashesOf("0783-4105-3346-7287")).containsExactly(
                "9b131f2cedf6b408739f97954aa78d9c2863a4760e4fda0a12e6fd9e06b87038",
                "7a8d6f4b799e9445d87d33a73c3968629f6ea5b8606adff1ba091fb517dae9d9");
    }
}

package org.eprescription.core.interaction;

import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.PrescriptionId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known answers of the alert-id derivation: fixed inputs give exactly these ids. Alert ids are stored with
 * acknowledgements, sent to EHRs by the draft check (which acknowledge them on issue) and rebuilt by every replay,
 * so a change to the derivation (the name's layout, separators, the UUID version) would orphan every recorded
 * acknowledgement and make a replay disagree with what clients hold; here it fails instead.
 *
 * <p>The literals were computed once, independently of this code: the name-based (version 3, MD5) UUID of
 * {@code "alert|" + prescriptionId + "|" + lineNumber + "|" + type + "|" + key} in UTF-8, without a namespace,
 * as {@link java.util.UUID#nameUUIDFromBytes} makes it. Never change them to make a test pass.
 */
class AlertIdVectorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            the README's second amlodipine gets the id the README shows | b3e1c2d4-0000-4000-8000-000000000002 | 1  | SAME_INGREDIENT | amlodipine             | 7bdd2754-ffba-34f8-bc18-709074601faa
            a same-drug alert is keyed by the drug code                 | 8d5c0f3e-6c1a-4f7e-9a57-3f0c2b9b1e11 | 1  | SAME_DRUG       | 2171022F1021           | db3812b2-f9e9-36d7-bc18-7bddcc22a722
            a contraindicated alert is keyed by the sorted pair         | 8d5c0f3e-6c1a-4f7e-9a57-3f0c2b9b1e11 | 2  | CONTRAINDICATED | itraconazole+triazolam | 0d8c0cb1-f211-3aef-9ff6-865b001903a1
            a same-class alert is keyed by the class code               | 8d5c0f3e-6c1a-4f7e-9a57-3f0c2b9b1e11 | 10 | SAME_CLASS      | 2171                   | 3d4acf7b-6402-3e77-94fc-54f42e539ad5
            a key outside ASCII is taken as UTF-8                       | b3e1c2d4-0000-4000-8000-000000000002 | 1  | SAME_INGREDIENT | アムロジピン              | e0ecab5f-81c9-31eb-a757-6fefe4cf7100
            """)
    void fixedInputsGiveTheKnownId(String vector, String prescriptionId, int lineNumber, AlertType type, String key,
                                   String expected) {
        assertThat(AlertIds.of(PrescriptionId.of(prescriptionId), lineNumber, type, key))
                .isEqualTo(AlertId.of(expected));
    }
}

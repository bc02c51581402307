package org.eprescription.core.interaction;

import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.PrescriptionId;
import org.junit.jupiter.api.Test;

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

    private static final PrescriptionId README_ALERTED = PrescriptionId.of("b3e1c2d4-0000-4000-8000-000000000002");
    private static final PrescriptionId PRESCRIPTION = PrescriptionId.of("8d5c0f3e-6c1a-4f7e-9a57-3f0c2b9b1e11");

    @Test
    void theReadmesSecondAmlodipineGetsTheIdTheReadmeShows() {
        assertThat(AlertIds.of(README_ALERTED, 1, AlertType.SAME_INGREDIENT, "amlodipine"))
                .isEqualTo(AlertId.of("7bdd2754-ffba-34f8-bc18-709074601faa"));
    }

    @Test
    void aSameDrugAlertIsKeyedByTheDrugCode() {
        assertThat(AlertIds.of(PRESCRIPTION, 1, AlertType.SAME_DRUG, "2171022F1021"))
                .isEqualTo(AlertId.of("db3812b2-f9e9-36d7-bc18-7bddcc22a722"));
    }

    @Test
    void aContraindicatedAlertIsKeyedByTheSortedPair() {
        assertThat(AlertIds.of(PRESCRIPTION, 2, AlertType.CONTRAINDICATED, "itraconazole+triazolam"))
                .isEqualTo(AlertId.of("0d8c0cb1-f211-3aef-9ff6-865b001903a1"));
    }

    @Test
    void aSameClassAlertIsKeyedByTheClassCode() {
        assertThat(AlertIds.of(PRESCRIPTION, 10, AlertType.SAME_CLASS, "2171"))
                .isEqualTo(AlertId.of("3d4acf7b-6402-3e77-94fc-54f42e539ad5"));
    }

    @Test
    void aKeyOutsideAsciiIsTakenAsUtf8() {
        assertThat(AlertIds.of(README_ALERTED, 1, AlertType.SAME_INGREDIENT, "アムロジピン"))
                .isEqualTo(AlertId.of("e0ecab5f-81c9-31eb-a757-6fefe4cf7100"));
    }
}

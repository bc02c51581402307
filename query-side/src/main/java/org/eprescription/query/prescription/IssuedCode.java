package org.eprescription.query.prescription;

import org.eprescription.core.code.CodeDerivation;
import org.eprescription.core.code.ExchangeCodes;
import org.eprescription.core.prescription.event.PrescriptionIssued;

import java.util.Objects;

/**
 * What the prescription view keeps of the exchange code an issue handed out, beside the view itself: the keyed hash
 * a pharmacy's typed code is looked up by, and the key and attempt that derived the code, so that the code can be
 * derived again for the patient. Never the code.
 */
public record IssuedCode(String hash, CodeDerivation derivation) {

    /** @param derivation null only for a row projected before the view kept it (a replay fills it in) */
    public IssuedCode {
        Objects.requireNonNull(hash, "hash");
    }

    /** As the issue recorded it (an event without a key id is of the first key's time). */
    public static IssuedCode of(PrescriptionIssued event) {
        String keyId = event.exchangeCodeKeyId() == null ? ExchangeCodes.FIRST_KEY_ID : event.exchangeCodeKeyId();
        return new IssuedCode(event.exchangeCodeHash(), new CodeDerivation(keyId, event.exchangeCodeAttempt()));
    }
}

package org.eprescription.core.code;

import org.eprescription.core.ids.PrescriptionId;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Derives a prescription's exchange code from its id with a server-side key, and the keyed hash under which the
 * code is stored. A retried issue therefore answers the same code, nobody without the key can compute one, and
 * events and views hold only the hash.
 *
 * <p>The code is 16 decimal digits (about 53 bits), shown in groups of four: easy to read out at a pharmacy
 * counter, far beyond guessing, and useless without the patient's birth date.
 */
public final class ExchangeCodes {

    /** The id of the first (and so far only) server key; codes issued before keys had ids were derived with it. */
    public static final String FIRST_KEY_ID = "k1";

    private static final String ALGORITHM = "HmacSHA256";
    private static final long CODE_SPACE = 10_000_000_000_000_000L;
    private static final int MIN_KEY_BYTES = 16;

    private final SecretKeySpec key;

    public ExchangeCodes(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the exchange code key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** The id of the key this instance derives codes with, recorded on every issued prescription. */
    public String keyId() {
        return FIRST_KEY_ID;
    }

    /** The code the patient carries, e.g. {@code 4821-0937-5512-0046}. */
    public String codeFor(PrescriptionId prescriptionId) {
        byte[] mac = mac("exchange-code:" + prescriptionId.asString());
        long value = Long.remainderUnsigned(ByteBuffer.wrap(mac).getLong(), CODE_SPACE);
        String digits = String.format("%016d", value);
        return digits.substring(0, 4) + "-" + digits.substring(4, 8) + "-" + digits.substring(8, 12) + "-"
                + digits.substring(12);
    }

    /** The keyed hash of a code as a patient or pharmacy typed it (spaces and hyphens do not matter). */
    public String hashOf(String code) {
        return HexFormat.of().formatHex(mac("exchange-code-hash:" + normalise(code)));
    }

    public String hashFor(PrescriptionId prescriptionId) {
        return hashOf(codeFor(prescriptionId));
    }

    static String normalise(String code) {
        return code == null ? "" : code.replaceAll("[\\s-]", "");
    }

    private byte[] mac(String input) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}

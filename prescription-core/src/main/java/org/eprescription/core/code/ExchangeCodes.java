package org.eprescription.core.code;

import org.eprescription.core.ids.PrescriptionId;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Derives a prescription's exchange code from its id with a server-side key, and the keyed hash under which the
 * code is stored. A retried issue therefore answers the same code, nobody without the key can compute one, and
 * events and views hold only the hash.
 *
 * <p>The code is 16 decimal digits (about 53 bits), shown in groups of four: easy to read out at a pharmacy
 * counter, far beyond guessing, and useless without the patient's birth date.
 *
 * <p>Keys have ids. New codes are derived with the current key; the others are kept so that codes derived with
 * them can be derived again and accepted ({@code PrescriptionIssued.exchangeCodeKeyId} names the key). A code that
 * a live prescription already holds is derived again with the next attempt number
 * ({@code PrescriptionIssued.exchangeCodeAttempt}); attempt 0 is the derivation of every code issued before.
 */
public final class ExchangeCodes {

    /** The id of the first server key; codes issued before keys had ids were derived with it. */
    public static final String FIRST_KEY_ID = "k1";
    /** How many derivations an issue tries before it gives up (each collides with odds of live codes / 10^16). */
    public static final int MAX_ATTEMPTS = 20;

    private static final String ALGORITHM = "HmacSHA256";
    private static final long CODE_SPACE = 10_000_000_000_000_000L;
    private static final int MIN_KEY_BYTES = 16;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys;

    /** One key, the first ({@value #FIRST_KEY_ID}). */
    public ExchangeCodes(byte[] key) {
        this(FIRST_KEY_ID, Map.of(FIRST_KEY_ID, key == null ? new byte[0] : key));
    }

    /**
     * @param currentKeyId the key new codes are derived with
     * @param keys         every key by its id: the current one and those codes in circulation were derived with
     */
    public ExchangeCodes(String currentKeyId, Map<String, byte[]> keys) {
        if (keys == null || !keys.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("the current exchange code key must be one of the keys");
        }
        Map<String, SecretKeySpec> specs = new LinkedHashMap<>();
        specs.put(currentKeyId, spec(currentKeyId, keys.get(currentKeyId)));
        keys.forEach((id, key) -> specs.putIfAbsent(id, spec(id, key)));
        this.currentKeyId = currentKeyId;
        this.keys = Map.copyOf(specs);
    }

    private static SecretKeySpec spec(String id, byte[] key) {
        if (id == null || !KEY_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("an exchange code key id is 1 to 32 letters, digits, '-' or '_'");
        }
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the exchange code key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        return new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** The id of the key new codes are derived with, recorded on every issued prescription. */
    public String keyId() {
        return currentKeyId;
    }

    /** Every key id this instance can derive and hash with. */
    public Set<String> keyIds() {
        return keys.keySet();
    }

    /** The code the patient carries, e.g. {@code 4821-0937-5512-0046}: current key, first attempt. */
    public String codeFor(PrescriptionId prescriptionId) {
        return codeFor(prescriptionId, currentKeyId, 0);
    }

    /** The code derived with key {@code keyId} at {@code attempt} (0 for the first). */
    public String codeFor(PrescriptionId prescriptionId, String keyId, int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("an exchange code attempt is 0 or more");
        }
        // attempt 0 keeps the input of every code issued before attempts existed
        String input = "exchange-code:" + prescriptionId.asString() + (attempt == 0 ? "" : ":" + attempt);
        byte[] mac = mac(key(keyId), input);
        long value = Long.remainderUnsigned(ByteBuffer.wrap(mac).getLong(), CODE_SPACE);
        String digits = String.format("%016d", value);
        return digits.substring(0, 4) + "-" + digits.substring(4, 8) + "-" + digits.substring(8, 12) + "-"
                + digits.substring(12);
    }

    /** The keyed hash (current key) of a code as a patient or pharmacy typed it (spaces and hyphens do not matter). */
    public String hashOf(String code) {
        return hashOf(code, currentKeyId);
    }

    public String hashOf(String code, String keyId) {
        return HexFormat.of().formatHex(mac(key(keyId), "exchange-code-hash:" + normalise(code)));
    }

    /** The code's hash under every key, the current key's first: a typed code may be from any of them. */
    public List<String> hashesOf(String code) {
        List<String> hashes = new ArrayList<>();
        hashes.add(hashOf(code, currentKeyId));
        keys.keySet().stream().filter(id -> !id.equals(currentKeyId)).sorted()
                .forEach(id -> hashes.add(hashOf(code, id)));
        return hashes;
    }

    public String hashFor(PrescriptionId prescriptionId) {
        return hashOf(codeFor(prescriptionId));
    }

    public String hashFor(PrescriptionId prescriptionId, String keyId, int attempt) {
        return hashOf(codeFor(prescriptionId, keyId, attempt), keyId);
    }

    static String normalise(String code) {
        return code == null ? "" : code.replaceAll("[\\s-]", "");
    }

    private SecretKeySpec key(String keyId) {
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("exchange code key " + keyId + " is not configured");
        }
        return key;
    }

    private static byte[] mac(SecretKeySpec key, String input) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}

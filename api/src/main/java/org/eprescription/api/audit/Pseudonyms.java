package org.eprescription.api.audit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Keyed pseudonyms: HMAC-SHA256 of the kind and the id, so the same person has the same pseudonym under one key,
 * nobody without the key can compute or reverse it, and a patient and a prescriber who share an id string still
 * get different pseudonyms.
 */
final class Pseudonyms {

    enum Kind { PATIENT, PRESCRIBER, PHARMACIST, PRESCRIPTION, ALERT }

    private static final String ALGORITHM = "HmacSHA256";
    private static final int BYTES = 16;

    private final SecretKeySpec key;

    Pseudonyms(String key) {
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    String of(Kind kind, String id) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal((kind.name() + ":" + id).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java runtime", e);
        }
    }
}

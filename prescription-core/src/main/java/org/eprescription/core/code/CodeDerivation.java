package org.eprescription.core.code;

/** Which key and attempt derived a prescription's exchange code (never the code itself). */
public record CodeDerivation(String keyId, int attempt) {
}

package org.eprescription.query.prescription;

/**
 * The prescription whose exchange code has this keyed hash; answers {@code Optional<PrescriptionView>}. The caller
 * hashes the code ({@code ExchangeCodes}) and still checks the patient's birth date against the answer.
 */
public record FindPrescriptionByExchangeCode(String exchangeCodeHash) {
}

package org.eprescription.query.prescription;

/** The prescription a typed exchange code names, and the keyed hash it holds (for the accept command). */
public record ExchangeCodeHolder(PrescriptionView view, String exchangeCodeHash) {
}

package org.eprescription.query.prescription;

import org.eprescription.core.code.CodeDerivation;

/**
 * One of a patient's prescriptions as the patient's own list shows it: the view, and while it waits for a pharmacy
 * (ISSUED, AWAITING_REFILL) how its exchange code was derived, so that the code can be derived again.
 *
 * @param openCode null once a pharmacy holds it or it is final, and for a row projected without the derivation
 */
public record PatientPrescription(PrescriptionView view, CodeDerivation openCode) {
}

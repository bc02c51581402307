package org.eprescription.core.prescription;

/** Where a prescription stands in its lifecycle (docs/domain.md, "Lifecycle"). */
public enum PrescriptionStatus {
    ISSUED, ACCEPTED, AWAITING_REFILL, COMPLETED, CANCELLED, EXPIRED;

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == EXPIRED;
    }
}

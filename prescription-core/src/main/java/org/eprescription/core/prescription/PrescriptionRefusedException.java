package org.eprescription.core.prescription;

import org.axonframework.common.AxonNonTransientException;

/** A command that the rules do not allow. Non-transient: retrying the same command cannot succeed. */
public class PrescriptionRefusedException extends AxonNonTransientException {

    private final Refusal refusal;

    public PrescriptionRefusedException(Refusal refusal, String detail) {
        super(detail);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}

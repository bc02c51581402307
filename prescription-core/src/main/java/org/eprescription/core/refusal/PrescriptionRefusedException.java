package org.eprescription.core.refusal;

import org.axonframework.common.AxonNonTransientException;

/** A command that the rules do not allow. Non-transient: retrying the same command cannot succeed. */
public class PrescriptionRefusedException extends AxonNonTransientException {

    private final Refusal refusal;

    public PrescriptionRefusedException(Refusal refusal, String detail) {
        super(detail);
        this.refusal = refusal;
    }

    /**
     * The one answer for an exchange code that is unknown or does not go with the birth date given, wherever it is
     * detected, so that the answer tells a guesser nothing.
     */
    public static PrescriptionRefusedException unknownExchangeCode() {
        return new PrescriptionRefusedException(Refusal.UNKNOWN_EXCHANGE_CODE,
                "no prescription matches this exchange code and birth date");
    }

    public Refusal refusal() {
        return refusal;
    }
}

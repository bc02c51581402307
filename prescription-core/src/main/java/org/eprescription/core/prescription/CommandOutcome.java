package org.eprescription.core.prescription;

import org.eprescription.core.prescription.event.AlertAcknowledged;
import java.util.List;

import org.eprescription.core.code.CodeDerivation;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;

/**
 * What an issue or a dispensing answers: the prescription's version after it, and the interaction check it recorded
 * (null when no check ran: alerts are switched off). The caller lists the check's alerts as they were recorded, with
 * the acknowledgements the issue recorded for them. An issue also answers how its exchange code was derived, so the
 * caller can derive the code for the patient.
 */
public record CommandOutcome(long version, InteractionCheckCompleted check, CodeDerivation code,
                             List<AlertAcknowledged> acknowledgements) {

    public CommandOutcome {
        acknowledgements = acknowledgements == null ? List.of() : List.copyOf(acknowledgements);
    }

    public CommandOutcome(long version, InteractionCheckCompleted check, CodeDerivation code) {
        this(version, check, code, List.of());
    }

    public CommandOutcome(long version, InteractionCheckCompleted check) {
        this(version, check, null, List.of());
    }
}

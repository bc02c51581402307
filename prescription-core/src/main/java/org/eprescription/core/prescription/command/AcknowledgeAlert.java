package org.eprescription.core.prescription.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.ids.Party;

import java.util.List;

/**
 * A prescriber or pharmacist involved in the prescription records that they saw an alert and go ahead, and why.
 * {@code conflictIds} are the conflicts they saw; null covers those the alert has now.
 */
public record AcknowledgeAlert(@TargetAggregateIdentifier PrescriptionId prescriptionId, AlertId alertId,
                               String reason, Party acknowledgedBy, List<String> conflictIds) {

    public AcknowledgeAlert {
        conflictIds = conflictIds == null ? null : List.copyOf(conflictIds);
    }

    /** Covering the conflicts the alert has now. */
    public AcknowledgeAlert(PrescriptionId prescriptionId, AlertId alertId, String reason, Party acknowledgedBy) {
        this(prescriptionId, alertId, reason, acknowledgedBy, null);
    }
}

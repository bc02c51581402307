package org.eprescription.core.prescription.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.Party;

/** A prescriber or pharmacist involved in the prescription records that they saw an alert and go ahead, and why. */
public record AcknowledgeAlert(@TargetAggregateIdentifier PrescriptionId prescriptionId, AlertId alertId,
                               String reason, Party acknowledgedBy) {
}

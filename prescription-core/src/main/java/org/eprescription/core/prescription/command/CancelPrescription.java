package org.eprescription.core.prescription.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;

/** The issuing institution withdraws the prescription (only a request while a pharmacy holds it). */
public record CancelPrescription(@TargetAggregateIdentifier PrescriptionId prescriptionId, InstitutionId institutionId,
                                 PrescriberId prescriberId, String reason) {
}

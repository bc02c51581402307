package org.eprescription.core.prescription.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;

/** The holding pharmacy gives the prescription back, so that another pharmacy may accept it. */
public record ReleasePrescription(@TargetAggregateIdentifier PrescriptionId prescriptionId, PharmacyId pharmacyId,
                                  String reason) {
}

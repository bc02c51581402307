package org.eprescription.core.prescription.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.eprescription.core.ids.PrescriptionId;

/**
 * Expire the prescription if its deadline has passed. Idempotent: it does nothing when the deadline has not
 * passed or the prescription is not waiting, so a sweep on every node may send it as often as it likes.
 */
public record ExpirePrescription(@TargetAggregateIdentifier PrescriptionId prescriptionId) {
}

package org.eprescription.core.prescription.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;

import java.time.LocalDate;

/**
 * Lock a prescription to one pharmacy. The pharmacy proves it may by the patient's exchange code (carried only as
 * its keyed hash) together with the patient's birth date.
 */
public record AcceptPrescription(@TargetAggregateIdentifier PrescriptionId prescriptionId, String exchangeCodeHash,
                                 LocalDate patientBirthDate, PharmacyId pharmacyId, PharmacistId pharmacistId) {
}

package org.eprescription.core.prescription.event;

import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.axonframework.serialization.Revision;
import org.eprescription.core.ids.PrescriptionId;

import java.time.Instant;

/** A pharmacy locked the prescription for use number {@code use} (1 is the first, then refills). */
@Revision("1")
public record PrescriptionAccepted(PrescriptionId prescriptionId, PharmacyId pharmacyId, PharmacistId pharmacistId, int use, Instant acceptedAt) implements PrescriptionEvent {
}

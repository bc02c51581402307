package org.eprescription.core.prescription.event;

import org.eprescription.core.ids.PharmacyId;
import org.axonframework.serialization.Revision;
import org.eprescription.core.ids.PrescriptionId;

import java.time.Instant;

/** The holding pharmacy gave the prescription back; it waits again for any pharmacy. */
@Revision("1")
public record PrescriptionReleased(PrescriptionId prescriptionId, PharmacyId pharmacyId, int use, String reason, Instant releasedAt) implements PrescriptionEvent {
}

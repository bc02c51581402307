package org.eprescription.core.prescription.event;

import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriberId;
import org.axonframework.serialization.Revision;
import org.eprescription.core.ids.PrescriptionId;

import java.time.Instant;

/** The issuing institution asked to cancel while a pharmacy holds the prescription; that pharmacy decides. */
@Revision("1")
public record CancellationRequested(PrescriptionId prescriptionId, InstitutionId institutionId, PrescriberId prescriberId, PharmacyId holdingPharmacyId,
                                    String reason, Instant requestedAt) implements PrescriptionEvent {
}

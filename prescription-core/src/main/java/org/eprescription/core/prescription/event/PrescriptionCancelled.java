package org.eprescription.core.prescription.event;

import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PrescriberId;
import org.axonframework.serialization.Revision;
import org.eprescription.core.ids.PrescriptionId;

import java.time.Instant;

/** The prescription was withdrawn by its issuing institution (directly, or by a release after a request). */
@Revision("1")
public record PrescriptionCancelled(PrescriptionId prescriptionId, InstitutionId institutionId, PrescriberId prescriberId, String reason, Instant cancelledAt) implements PrescriptionEvent {
}

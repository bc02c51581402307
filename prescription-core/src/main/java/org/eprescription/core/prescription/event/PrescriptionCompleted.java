package org.eprescription.core.prescription.event;


import org.axonframework.serialization.Revision;
import org.eprescription.core.ids.PrescriptionId;

import java.time.Instant;

/** The last use was dispensed; nothing more can happen to the prescription but acknowledgements. */
@Revision("1")
public record PrescriptionCompleted(PrescriptionId prescriptionId, Instant completedAt) implements PrescriptionEvent {
}

package org.eprescription.core.prescription.event;


import org.axonframework.serialization.Revision;
import org.eprescription.core.ids.PrescriptionId;

import java.time.Instant;

/** No pharmacy accepted the prescription (or its refill use) before its deadline. */
@Revision("1")
public record PrescriptionExpired(PrescriptionId prescriptionId, int use, Instant expiredAt) implements PrescriptionEvent {
}

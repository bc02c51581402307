package org.eprescription.core.prescription.event;

import org.eprescription.core.ids.AlertId;
import org.eprescription.core.prescription.Party;
import org.axonframework.serialization.Revision;
import org.eprescription.core.ids.PrescriptionId;

import java.time.Instant;

/** A prescriber or pharmacist acknowledged an alert on this prescription. */
@Revision("1")
public record AlertAcknowledged(PrescriptionId prescriptionId, AlertId alertId, String reason, Party acknowledgedBy, Instant acknowledgedAt) implements PrescriptionEvent {
}

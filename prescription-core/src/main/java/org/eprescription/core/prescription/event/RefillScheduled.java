package org.eprescription.core.prescription.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import org.eprescription.core.ids.PrescriptionId;

import java.time.Instant;

/** A use was completed and a refill use remains: it may be accepted from windowOpens to windowCloses. */
@Revision("1")
public record RefillScheduled(PrescriptionId prescriptionId, int use, LocalDate plannedDate, LocalDate windowOpens, LocalDate windowCloses,
                              Instant scheduledAt) implements PrescriptionEvent {
}

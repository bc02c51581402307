package org.eprescription.core.prescription.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import org.eprescription.core.ids.PrescriptionId;

import java.time.Instant;

/**
 * A use was completed and a refill use remains: it may be accepted from windowOpens to windowCloses. Its lines' courses
 * are planned from {@code plannedDate}; the longest of them runs {@code courseDays} days, counted as a check counts
 * them (a topical or as-needed line 14), so that what a command moved without a check is known for as long as those
 * courses may run (docs/alerts.md, "After alerts were switched off"). Revision 1 did not record {@code courseDays}
 * ({@link RefillScheduledUpcaster}).
 */
@Revision("2")
public record RefillScheduled(PrescriptionId prescriptionId, int use, LocalDate plannedDate, LocalDate windowOpens, LocalDate windowCloses,
                              Instant scheduledAt, int courseDays) implements PrescriptionEvent {
}

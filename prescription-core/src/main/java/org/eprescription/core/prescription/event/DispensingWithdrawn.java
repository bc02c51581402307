package org.eprescription.core.prescription.event;

import org.axonframework.serialization.Revision;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The pharmacy that recorded dispensing number {@code sequence} withdrew it on its day ({@code withdrawnOn}): nothing
 * of it was handed out after all. The record stays, marked withdrawn; it no longer counts.
 */
@Revision("1")
public record DispensingWithdrawn(PrescriptionId prescriptionId, int sequence, int use, PharmacyId pharmacyId,
                                  PharmacistId pharmacistId, String reason, Instant withdrawnAt,
                                  LocalDate withdrawnOn) implements PrescriptionEvent {
}

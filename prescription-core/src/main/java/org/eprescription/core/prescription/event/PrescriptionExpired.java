package org.eprescription.core.prescription.event;


import org.axonframework.serialization.Revision;
import org.eprescription.core.ids.PrescriptionId;

import java.time.Instant;
import java.time.LocalDate;

/**
 * No pharmacy accepted the prescription (or its refill use) before its deadline. {@code expiredOn} is the day the
 * exchange found the deadline passed, in its zone, and {@code deadline} the last day it could have been accepted
 * ({@code validUntil}, or the refill window's last day): what decided it, so that no later zone or configuration
 * dates it again. Both are null for an expiry stored before revision 2, which did not record them.
 */
@Revision("2")
public record PrescriptionExpired(PrescriptionId prescriptionId, int use, Instant expiredAt, LocalDate expiredOn,
                                  LocalDate deadline) implements PrescriptionEvent {

    /** As stored before revision 2: the days it was decided on are not known. */
    public PrescriptionExpired(PrescriptionId prescriptionId, int use, Instant expiredAt) {
        this(prescriptionId, use, expiredAt, null, null);
    }
}

package org.eprescription.core.record.event;

import org.axonframework.serialization.Revision;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.Party;

import java.time.Instant;
import java.time.LocalDate;

/** The registering party withdrew its record on the day of the dispensing ({@code withdrawnOn}): it did not happen. */
@Revision("1")
public record DispensingRecordWithdrawn(DispensingRecordId recordId, PatientId patientId, Party withdrawnBy,
                                        String reason, LocalDate withdrawnOn, Instant withdrawnAt)
        implements DispensingRecordEvent {
}

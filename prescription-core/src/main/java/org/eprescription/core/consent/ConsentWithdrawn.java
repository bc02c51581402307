package org.eprescription.core.consent;

import org.axonframework.serialization.Revision;
import org.eprescription.core.ids.PatientId;

import java.time.Instant;

/** The patient no longer allows providers to see their history from other institutions. */
@Revision("1")
public record ConsentWithdrawn(PatientId patientId, Instant withdrawnAt) implements ConsentEvent {
}

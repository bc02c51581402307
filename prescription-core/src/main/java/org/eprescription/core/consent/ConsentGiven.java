package org.eprescription.core.consent;

import org.axonframework.serialization.Revision;
import org.eprescription.core.ids.PatientId;

import java.time.Instant;

/** The patient allowed providers to see their history from other institutions. */
@Revision("1")
public record ConsentGiven(PatientId patientId, Instant givenAt) implements ConsentEvent {
}

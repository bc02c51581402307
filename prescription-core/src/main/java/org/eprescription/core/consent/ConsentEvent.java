package org.eprescription.core.consent;

import org.eprescription.core.ids.PatientId;

/** A change of a patient's consent to share history. */
public interface ConsentEvent {

    PatientId patientId();
}

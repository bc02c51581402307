package org.eprescription.query.prescription;

import org.eprescription.core.ids.PatientId;

/** Every prescription of one patient, newest first; answers {@code List<PrescriptionView>}. */
public record FindPrescriptionsByPatient(PatientId patientId) {
}

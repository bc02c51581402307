package org.eprescription.query.prescription;

import org.eprescription.core.ids.PatientId;

/**
 * The patient's own list: every prescription of one patient, newest first, the open ones with how their exchange
 * code was derived; answers {@code List<PatientPrescription>}.
 */
public record FindPatientPrescriptions(PatientId patientId) {
}

package org.eprescription.query.alerts;

import org.eprescription.core.ids.PatientId;

/** Every alert of one patient, open and resolved, newest first; answers {@code List<AlertView>}. */
public record FindAlertsForPatient(PatientId patientId) {
}

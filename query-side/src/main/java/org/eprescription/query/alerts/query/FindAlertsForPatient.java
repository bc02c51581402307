package org.eprescription.query.alerts.query;

import org.eprescription.core.ids.PatientId;

/**
 * The alerts of one patient that {@code reader} may see, open and resolved, newest first; answers
 * {@code List<AlertView>}.
 */
public record FindAlertsForPatient(PatientId patientId, AlertReader reader) {

    public FindAlertsForPatient {
        reader = reader == null ? AlertReader.EVERYONE : reader;
    }

    /** For the patient, or an auditor. */
    public FindAlertsForPatient(PatientId patientId) {
        this(patientId, AlertReader.EVERYONE);
    }
}

package org.eprescription.query.alerts;

import org.eprescription.core.ids.PatientId;

import java.util.List;

/**
 * The patient's medication list (the PHR view): current = not stopped and not ended before today, oldest start
 * first; past = stopped or ended, newest start first.
 */
public record MedicationList(PatientId patientId, List<CourseView> current, List<CourseView> past) {

    public MedicationList {
        current = List.copyOf(current);
        past = List.copyOf(past);
    }
}

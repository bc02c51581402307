package org.eprescription.query.alerts.query;

import org.eprescription.core.ids.PatientId;

import java.time.LocalDate;

/** The patient's current and past courses as of {@code today}; answers {@link MedicationList}. */
public record FindMedicationList(PatientId patientId, LocalDate today) {
}

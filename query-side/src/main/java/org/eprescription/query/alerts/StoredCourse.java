package org.eprescription.query.alerts;

import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.interaction.MedicationCourse;

import java.time.Instant;

/** A row of {@code medication_course}: the course, and what the prescribed line said (for refills and dispensing). */
record StoredCourse(MedicationCourse course, DrugCode prescribedDrugCode, int prescribedDays, Instant dispensedAt) {
}

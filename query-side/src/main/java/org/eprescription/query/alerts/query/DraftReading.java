package org.eprescription.query.alerts.query;

import org.eprescription.core.interaction.MedicationCourse;
import org.eprescription.core.interaction.UncheckedCourses;

import java.util.List;

/**
 * What a draft check knows of the patient: the courses that can conflict, the prescriptions and records whose courses
 * no check recorded, the consent and the caller's care.
 */
public record DraftReading(List<MedicationCourse> courses, UncheckedCourses unchecked, boolean sharingAllowed,
                           boolean careRelationship) {
}

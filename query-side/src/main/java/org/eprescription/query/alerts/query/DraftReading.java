package org.eprescription.query.alerts.query;

import org.eprescription.core.interaction.MedicationCourse;

import java.util.List;

/** What a draft check knows of the patient: the courses that can conflict, the consent and the caller's care. */
public record DraftReading(List<MedicationCourse> courses, boolean sharingAllowed, boolean careRelationship) {
}

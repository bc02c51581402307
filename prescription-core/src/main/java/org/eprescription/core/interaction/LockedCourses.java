package org.eprescription.core.interaction;

import java.util.List;

/**
 * What a command's check reads of the patient under the patient's lock ({@link PatientCourses#lockAndReadAll}): the
 * courses that still count and the sources whose courses no check saw.
 */
public record LockedCourses(List<MedicationCourse> courses, UncheckedCourses unchecked) {

    public LockedCourses {
        courses = List.copyOf(courses);
    }
}

package org.eprescription.core.testsupport;

import org.eprescription.core.ids.PatientId;
import org.eprescription.core.interaction.MedicationCourse;
import org.eprescription.core.interaction.PatientCourses;
import org.eprescription.core.interaction.UncheckedCourses;

import java.time.LocalDate;
import java.util.List;

/** The courses of other prescriptions a test lists, as the command-side record would read them; none unchecked. */
public final class ListedCourses implements PatientCourses {

    private final List<MedicationCourse> courses;

    /** @param courses read as they are when the check runs: a test may add to the list later */
    public ListedCourses(List<MedicationCourse> courses) {
        this.courses = courses;
    }

    public static ListedCourses none() {
        return new ListedCourses(List.of());
    }

    @Override
    public List<MedicationCourse> lockAndRead(PatientId patientId, LocalDate from) {
        return courses.stream().filter(course -> !course.to().isBefore(from)).toList();
    }

    @Override
    public UncheckedCourses uncheckedSince(PatientId patientId, LocalDate from) {
        return UncheckedCourses.NONE;
    }
}

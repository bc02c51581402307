package org.eprescription.core.interaction;

import org.eprescription.core.ids.PatientId;

import java.time.LocalDate;
import java.util.List;

/**
 * The patient's medication courses as every recorded command left them, for the check a command runs before it
 * records its events. Implemented outside the core (a table kept in the command's own transaction).
 */
public interface PatientCourses {

    /**
     * Every course of the patient that still counts (not stopped) and does not end before {@code from}, with the
     * patient locked until the calling command's transaction ends: a second command for the same patient, on any
     * node, waits and then sees what this one recorded.
     */
    List<MedicationCourse> lockAndRead(PatientId patientId, LocalDate from);

    /**
     * The patient's prescriptions and dispensing records whose courses a command moved without a check (alerts were
     * switched off) and that may still run or start on {@code from} or later: the courses {@link #lockAndRead} cannot
     * give. Called after it, in the same transaction, so it reads under the same lock.
     */
    UncheckedCourses uncheckedSince(PatientId patientId, LocalDate from);

    /**
     * {@link #lockAndRead} and then {@link #uncheckedSince}, as a command's check needs both; an implementation may
     * answer both with one read after taking the lock.
     */
    default LockedCourses lockAndReadAll(PatientId patientId, LocalDate from) {
        List<MedicationCourse> courses = lockAndRead(patientId, from);
        return new LockedCourses(courses, uncheckedSince(patientId, from));
    }
}

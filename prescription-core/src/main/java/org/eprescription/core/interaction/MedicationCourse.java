package org.eprescription.core.interaction;

import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;

/**
 * One use of one line of a prescription as the patient takes it: which drug, from when to when. Ingredients, route
 * and class are looked up in the catalogue by {@code drugCode}. The patient, institution and prescriber may be
 * unknown (null) for a draft's own lines.
 */
public record MedicationCourse(PrescriptionId prescriptionId, int lineNumber, int use, PatientId patientId,
                               DrugCode drugCode, LocalDate from, LocalDate to, CourseStatus status,
                               InstitutionId institutionId, PrescriberId prescriberId) {

    /** The stable order of the conflicts of a finding: by start, then prescription, line and use. */
    public static final Comparator<MedicationCourse> STABLE_ORDER = Comparator
            .comparing(MedicationCourse::from)
            .thenComparing(course -> course.prescriptionId().asString())
            .thenComparingInt(MedicationCourse::lineNumber)
            .thenComparingInt(MedicationCourse::use);

    public MedicationCourse {
        Objects.requireNonNull(prescriptionId, "prescriptionId");
        Objects.requireNonNull(drugCode, "drugCode");
        Objects.requireNonNull(status, "status");
        new CoursePeriod(from, to); // both present, in order
    }

    public CoursePeriod period() {
        return new CoursePeriod(from, to);
    }

    /** Whether it still counts for duplicate and interaction checks. */
    public boolean counts() {
        return status != CourseStatus.STOPPED;
    }
}

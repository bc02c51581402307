package org.eprescription.query.support;

import org.eprescription.core.catalogue.DrugDescription;
import org.eprescription.core.catalogue.DrugDescriptions;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.interaction.MedicationCourse;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.core.record.event.DispensingRecordChecked;

import java.util.List;

/**
 * The courses a recorded check says, as {@link MedicationCourse}s: what both course tables, {@code medication_course}
 * (the alerts' projection) and {@code course_record}, save from the same events.
 */
public final class RecordedCourses {

    private RecordedCourses() {
    }

    /** A prescription's courses, as its interaction check recorded them. */
    public static List<MedicationCourse> of(InteractionCheckCompleted event) {
        return event.courses().stream()
                .map(course -> new MedicationCourse(event.prescriptionId(), course.lineNumber(), course.use(),
                        event.patientId(), course.drugCode(), course.from(), course.to(), course.status(),
                        event.institutionId(), event.prescriberId())
                        .describedBy(described(event.drugs(), course.drugCode())))
                .toList();
    }

    /** A registered dispensing's courses, as its registration, correction or withdrawal recorded them. */
    public static List<MedicationCourse> of(DispensingRecordChecked event) {
        return event.courses().stream()
                .map(course -> MedicationCourse.ofRecord(event.recordId(), course.lineNumber(), course.use(),
                        event.patientId(), course.drugCode(), course.from(), course.to(), course.status(),
                        event.institutionId(), event.prescriberId(), event.registeredBy())
                        .describedBy(described(event.drugs(), course.drugCode())))
                .toList();
    }

    /** How the check described {@code drug}; null when it described nothing (an older revision) or not this drug. */
    private static DrugDescription described(DrugDescriptions drugs, DrugCode drug) {
        return drugs == null ? null : drugs.find(drug).orElse(null);
    }
}

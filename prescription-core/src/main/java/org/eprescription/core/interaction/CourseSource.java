package org.eprescription.core.interaction;

import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.PrescriptionId;

import java.util.Objects;

/**
 * Where courses come from: a prescription, or a registered dispensing record (docs/alerts.md, "Registered
 * dispensings") in one of its revisions. A check never compares a source with its own courses, and derives the ids of
 * the alerts it raises from the source.
 */
public record CourseSource(PrescriptionId prescriptionId, DispensingRecordId dispensingRecordId, int revision) {

    public CourseSource {
        if ((prescriptionId == null) == (dispensingRecordId == null)) {
            throw new IllegalArgumentException("a course source is a prescription or a dispensing record");
        }
    }

    public static CourseSource of(PrescriptionId prescriptionId) {
        return new CourseSource(Objects.requireNonNull(prescriptionId, "prescriptionId"), null, 0);
    }

    /** A record as registered ({@code revision} 1) or as its {@code revision - 1}-th correction left it. */
    public static CourseSource of(DispensingRecordId recordId, int revision) {
        return new CourseSource(null, Objects.requireNonNull(recordId, "dispensingRecordId"), revision);
    }

    /** Whether the course is one of this source's (of any revision). */
    public boolean owns(MedicationCourse course) {
        return prescriptionId != null
                ? prescriptionId.equals(course.prescriptionId())
                : dispensingRecordId.equals(course.dispensingRecordId());
    }

    AlertId alertId(int lineNumber, AlertType type, String key) {
        return prescriptionId != null
                ? AlertIds.of(prescriptionId, lineNumber, type, key)
                : AlertIds.of(dispensingRecordId, revision, lineNumber, type, key);
    }
}

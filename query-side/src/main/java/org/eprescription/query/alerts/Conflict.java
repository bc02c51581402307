package org.eprescription.query.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.MedicationCourse;

import java.time.LocalDate;

/**
 * The other side of an alert: one course it conflicts with. Without the patient's consent the institution and
 * prescriber of a course from another institution are null in answers, and left out of the JSON.
 */
public record Conflict(PrescriptionId prescriptionId, int lineNumber, int use, DrugCode drugCode, LocalDate from,
                       LocalDate to,
                       @JsonInclude(JsonInclude.Include.NON_NULL) InstitutionId institutionId,
                       @JsonInclude(JsonInclude.Include.NON_NULL) PrescriberId prescriberId) {

    public static Conflict of(MedicationCourse course) {
        return new Conflict(course.prescriptionId(), course.lineNumber(), course.use(), course.drugCode(),
                course.from(), course.to(), course.institutionId(), course.prescriberId());
    }

    /** The same conflict without who issued it. */
    public Conflict masked() {
        return new Conflict(prescriptionId, lineNumber, use, drugCode, from, to, null, null);
    }
}

package org.eprescription.query.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.MedicationCourse;
import org.eprescription.core.interaction.RecordedConflict;

import java.time.LocalDate;

/**
 * The other side of an alert: one course it conflicts with, and whether it is the very same product
 * ({@code sameProduct}) or another with the ingredient in common. Without the patient's consent a course of another
 * institution shows its drug and period only: prescription, line, use, institution and prescriber are null in answers,
 * and left out of the JSON.
 */
public record Conflict(@JsonInclude(JsonInclude.Include.NON_NULL) PrescriptionId prescriptionId,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Integer lineNumber,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Integer use,
                       DrugCode drugCode, LocalDate from, LocalDate to,
                       @JsonInclude(JsonInclude.Include.NON_NULL) InstitutionId institutionId,
                       @JsonInclude(JsonInclude.Include.NON_NULL) PrescriberId prescriberId,
                       boolean sameProduct) {

    /** A course as a draft check compares it with a line of {@code checkedDrug}. */
    public static Conflict of(MedicationCourse course, DrugCode checkedDrug) {
        return new Conflict(course.prescriptionId(), course.lineNumber(), course.use(), course.drugCode(),
                course.from(), course.to(), course.institutionId(), course.prescriberId(),
                course.drugCode().equals(checkedDrug));
    }

    public static Conflict of(RecordedConflict recorded) {
        return new Conflict(recorded.prescriptionId(), recorded.lineNumber(), recorded.use(), recorded.drugCode(),
                recorded.from(), recorded.to(), recorded.institutionId(), recorded.prescriberId(),
                recorded.sameProduct());
    }

    /** The same conflict as its drug and period only, without which prescription it is and who issued it. */
    public Conflict masked() {
        return new Conflict(null, null, null, drugCode, from, to, null, null, sameProduct);
    }

    /** Which course it is, whatever its dates. */
    String courseKey() {
        return courseKey(prescriptionId, lineNumber, use);
    }

    static String courseKey(PrescriptionId prescriptionId, int lineNumber, int use) {
        return prescriptionId + "|" + lineNumber + "|" + use;
    }
}

package org.eprescription.query.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.MedicationCourse;
import org.eprescription.core.interaction.RecordedConflict;
import org.eprescription.core.prescription.Party;

import java.time.LocalDate;

/**
 * The other side of an alert: one course it conflicts with, and whether it is the very same product
 * ({@code sameProduct}) or another with the ingredient in common. A course of a registered dispensing record names
 * the record ({@code dispensingRecordId}) and who registered it ({@code registeredBy}) instead of a prescription.
 * Without the patient's consent a course of another institution shows its drug and period only: prescription or
 * record, line, use, institution, prescriber and registering party are null in answers, and left out of the JSON.
 */
public record Conflict(@JsonInclude(JsonInclude.Include.NON_NULL) PrescriptionId prescriptionId,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Integer lineNumber,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Integer use,
                       DrugCode drugCode, LocalDate from, LocalDate to,
                       @JsonInclude(JsonInclude.Include.NON_NULL) InstitutionId institutionId,
                       @JsonInclude(JsonInclude.Include.NON_NULL) PrescriberId prescriberId,
                       boolean sameProduct,
                       @JsonInclude(JsonInclude.Include.NON_NULL) DispensingRecordId dispensingRecordId,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Party registeredBy) {

    /** A prescription's course (or, all named fields null, a masked one). */
    public Conflict(PrescriptionId prescriptionId, Integer lineNumber, Integer use, DrugCode drugCode, LocalDate from,
                    LocalDate to, InstitutionId institutionId, PrescriberId prescriberId, boolean sameProduct) {
        this(prescriptionId, lineNumber, use, drugCode, from, to, institutionId, prescriberId, sameProduct, null,
                null);
    }

    /** A course as a draft check compares it with a line of {@code checkedDrug}. */
    public static Conflict of(MedicationCourse course, DrugCode checkedDrug) {
        return new Conflict(course.prescriptionId(), course.lineNumber(), course.use(), course.drugCode(),
                course.from(), course.to(), course.institutionId(), course.prescriberId(),
                course.drugCode().equals(checkedDrug), course.dispensingRecordId(), course.registeredBy());
    }

    public static Conflict of(RecordedConflict recorded) {
        return new Conflict(recorded.prescriptionId(), recorded.lineNumber(), recorded.use(), recorded.drugCode(),
                recorded.from(), recorded.to(), recorded.institutionId(), recorded.prescriberId(),
                recorded.sameProduct(), recorded.dispensingRecordId(), recorded.registeredBy());
    }

    /** The same conflict as its drug and period only, without which course it is and who prescribed or registered it. */
    public Conflict masked() {
        return new Conflict(null, null, null, drugCode, from, to, null, null, sameProduct, null, null);
    }

    /** Which course it is, whatever its dates (a prescription's, or a record's: RecordedConflict's key). */
    String courseKey() {
        return (prescriptionId != null ? prescriptionId.toString() : String.valueOf(dispensingRecordId)) + "|"
                + lineNumber + "|" + use;
    }

    static String courseKey(PrescriptionId prescriptionId, int lineNumber, int use) {
        return prescriptionId + "|" + lineNumber + "|" + use;
    }
}

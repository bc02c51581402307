package org.eprescription.core.interaction;

import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.ids.Party;

import java.time.LocalDate;

/**
 * The other side of an alert as the check saw it: a course of the patient, and whether it is the very same product
 * ({@code sameProduct}: the same drug code, not only the same ingredient). A course of a registered dispensing record
 * has no {@code prescriptionId}; it names the record and who registered it instead (since revision 2 of
 * InteractionCheckCompleted).
 */
public record RecordedConflict(PrescriptionId prescriptionId, int lineNumber, int use, DrugCode drugCode,
                               LocalDate from, LocalDate to, CourseStatus status, InstitutionId institutionId,
                               PrescriberId prescriberId, boolean sameProduct, DispensingRecordId dispensingRecordId,
                               Party registeredBy) {

    /** A course of a prescription. */
    public RecordedConflict(PrescriptionId prescriptionId, int lineNumber, int use, DrugCode drugCode,
                            LocalDate from, LocalDate to, CourseStatus status, InstitutionId institutionId,
                            PrescriberId prescriberId, boolean sameProduct) {
        this(prescriptionId, lineNumber, use, drugCode, from, to, status, institutionId, prescriberId, sameProduct,
                null, null);
    }

    static RecordedConflict of(MedicationCourse course, DrugCode checkedDrug) {
        return new RecordedConflict(course.prescriptionId(), course.lineNumber(), course.use(), course.drugCode(),
                course.from(), course.to(), course.status(), course.institutionId(), course.prescriberId(),
                course.drugCode().equals(checkedDrug), course.dispensingRecordId(), course.registeredBy());
    }

    /** Which course this is, whatever its dates: a later check that sees it again adds nothing new. */
    public String courseKey() {
        return (prescriptionId != null ? prescriptionId.toString() : String.valueOf(dispensingRecordId)) + "|"
                + lineNumber + "|" + use;
    }
}

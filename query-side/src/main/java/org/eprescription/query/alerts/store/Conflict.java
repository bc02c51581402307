package org.eprescription.query.alerts.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.ConflictIds;
import org.eprescription.core.interaction.MedicationCourse;
import org.eprescription.core.interaction.RecordedConflict;
import org.eprescription.core.ids.Party;

import java.time.LocalDate;

/**
 * The other side of an alert: one course it conflicts with, and whether it is the very same product
 * ({@code sameProduct}) or another with the ingredient in common. A course of a registered dispensing record names
 * the record ({@code dispensingRecordId}) and who registered it ({@code registeredBy}) instead of a prescription.
 * Without the patient's consent a course of another institution shows its drug and period only: prescription or
 * record, line, use, institution, prescriber and registering party are null in answers, and left out of the JSON.
 * In answers each conflict carries its {@code conflictId} (an acknowledgement names the conflicts it saw by these)
 * and, on a recorded alert, whether an acknowledgement covers it; neither is stored.
 */
public record Conflict(@JsonInclude(JsonInclude.Include.NON_NULL) String conflictId,
                       @JsonInclude(JsonInclude.Include.NON_NULL) PrescriptionId prescriptionId,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Integer lineNumber,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Integer use,
                       DrugCode drugCode, LocalDate from, LocalDate to,
                       @JsonInclude(JsonInclude.Include.NON_NULL) InstitutionId institutionId,
                       @JsonInclude(JsonInclude.Include.NON_NULL) PrescriberId prescriberId,
                       boolean sameProduct,
                       @JsonInclude(JsonInclude.Include.NON_NULL) DispensingRecordId dispensingRecordId,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Party registeredBy,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Boolean acknowledged) {

    /** A prescription's course (or, all named fields null, a masked one), not yet identified on an alert. */
    public Conflict(PrescriptionId prescriptionId, Integer lineNumber, Integer use, DrugCode drugCode, LocalDate from,
                    LocalDate to, InstitutionId institutionId, PrescriberId prescriberId, boolean sameProduct) {
        this(null, prescriptionId, lineNumber, use, drugCode, from, to, institutionId, prescriberId, sameProduct, null,
                null, null);
    }

    /** A course as a draft check compares it with a line of {@code checkedDrug}. */
    public static Conflict of(MedicationCourse course, DrugCode checkedDrug) {
        return new Conflict(null, course.prescriptionId(), course.lineNumber(), course.use(), course.drugCode(),
                course.from(), course.to(), course.institutionId(), course.prescriberId(),
                course.drugCode().equals(checkedDrug), course.dispensingRecordId(), course.registeredBy(), null);
    }

    public static Conflict of(RecordedConflict recorded) {
        return new Conflict(null, recorded.prescriptionId(), recorded.lineNumber(), recorded.use(),
                recorded.drugCode(), recorded.from(), recorded.to(), recorded.institutionId(), recorded.prescriberId(),
                recorded.sameProduct(), recorded.dispensingRecordId(), recorded.registeredBy(), null);
    }

    /** The same conflict as its drug and period only, without which course it is and who prescribed or registered it. */
    public Conflict masked() {
        return new Conflict(conflictId, null, null, null, drugCode, from, to, null, null, sameProduct, null, null,
                acknowledged);
    }

    /** The same course as a later event recorded it: the drug handed out and the period it runs. */
    public Conflict as(DrugCode drug, boolean isSameProduct, LocalDate newFrom, LocalDate newTo) {
        return new Conflict(conflictId, prescriptionId, lineNumber, use, drug, newFrom, newTo, institutionId,
                prescriberId, isSameProduct, dispensingRecordId, registeredBy, acknowledged);
    }

    /** As an answer shows it on alert {@code alertId}: with its id, and whether it is acknowledged (null: not said). */
    public Conflict identified(AlertId alertId, Boolean isAcknowledged) {
        return new Conflict(ConflictIds.of(alertId, courseKey()), prescriptionId, lineNumber, use, drugCode, from, to,
                institutionId, prescriberId, sameProduct, dispensingRecordId, registeredBy, isAcknowledged);
    }

    /** Which course it is, whatever its dates (a prescription's, or a record's: RecordedConflict's key). */
    public String courseKey() {
        return (prescriptionId != null ? prescriptionId.toString() : String.valueOf(dispensingRecordId)) + "|"
                + lineNumber + "|" + use;
    }

    public static String courseKey(PrescriptionId prescriptionId, int lineNumber, int use) {
        return prescriptionId + "|" + lineNumber + "|" + use;
    }
}

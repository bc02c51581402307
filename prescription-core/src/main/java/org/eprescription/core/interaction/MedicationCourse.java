package org.eprescription.core.interaction;

import org.eprescription.core.catalogue.DrugDescription;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.ids.Party;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;

/**
 * One use of one line of a prescription as the patient takes it: which drug, from when to when. Ingredients, route
 * and class are looked up in the catalogue by {@code drugCode}. The patient, institution and prescriber may be
 * unknown (null) for a draft's own lines.
 *
 * <p>Or one item of a registered dispensing record (a paper prescription, in-hospital dispensing): then
 * {@code prescriptionId} is null, {@code dispensingRecordId} names the record, {@code use} is the record's revision,
 * {@code registeredBy} who registered it, and {@code institutionId} the prescribing institution if known
 * (docs/alerts.md, "Registered dispensings").
 *
 * <p>{@code drug} is how the check that recorded the course described its drug (name, ingredients, route), which the
 * medication list shows; null when nothing was recorded (a check of an older revision, or a course the rules built),
 * and then the list names the drug by the catalogue it runs with (docs/architecture.md, "Reference data"). The rules
 * never read it: they compare by the catalogue that decides.
 */
public record MedicationCourse(PrescriptionId prescriptionId, int lineNumber, int use, PatientId patientId,
                               DrugCode drugCode, LocalDate from, LocalDate to, CourseStatus status,
                               InstitutionId institutionId, PrescriberId prescriberId,
                               DispensingRecordId dispensingRecordId, Party registeredBy, DrugDescription drug) {

    /** The stable order of the conflicts of a finding: by start, then source, line and use. */
    public static final Comparator<MedicationCourse> STABLE_ORDER = Comparator
            .comparing(MedicationCourse::from)
            .thenComparing(MedicationCourse::source)
            .thenComparingInt(MedicationCourse::lineNumber)
            .thenComparingInt(MedicationCourse::use);

    public MedicationCourse {
        if ((prescriptionId == null) == (dispensingRecordId == null)) {
            throw new IllegalArgumentException("a course belongs to a prescription or to a dispensing record");
        }
        Objects.requireNonNull(drugCode, "drugCode");
        Objects.requireNonNull(status, "status");
        new CoursePeriod(from, to); // both present, in order
    }

    /** A course whose drug no check described. */
    public MedicationCourse(PrescriptionId prescriptionId, int lineNumber, int use, PatientId patientId,
                            DrugCode drugCode, LocalDate from, LocalDate to, CourseStatus status,
                            InstitutionId institutionId, PrescriberId prescriberId,
                            DispensingRecordId dispensingRecordId, Party registeredBy) {
        this(prescriptionId, lineNumber, use, patientId, drugCode, from, to, status, institutionId, prescriberId,
                dispensingRecordId, registeredBy, null);
    }

    /** A course of a prescription. */
    public MedicationCourse(PrescriptionId prescriptionId, int lineNumber, int use, PatientId patientId,
                            DrugCode drugCode, LocalDate from, LocalDate to, CourseStatus status,
                            InstitutionId institutionId, PrescriberId prescriberId) {
        this(Objects.requireNonNull(prescriptionId, "prescriptionId"), lineNumber, use, patientId, drugCode, from,
                to, status, institutionId, prescriberId, null, null);
    }

    /** A course of one item of a registered dispensing record, in the record's {@code revision}. */
    public static MedicationCourse ofRecord(DispensingRecordId recordId, int itemNumber, int revision,
                                            PatientId patientId, DrugCode drugCode, LocalDate from, LocalDate to,
                                            CourseStatus status, InstitutionId institutionId,
                                            PrescriberId prescriberId, Party registeredBy) {
        return new MedicationCourse(null, itemNumber, revision, patientId, drugCode, from, to, status, institutionId,
                prescriberId, Objects.requireNonNull(recordId, "dispensingRecordId"), registeredBy);
    }

    public CoursePeriod period() {
        return new CoursePeriod(from, to);
    }

    /** Whether it still counts for duplicate and interaction checks. */
    public boolean counts() {
        return status != CourseStatus.STOPPED;
    }

    /** The prescription's id, or the record's prefixed id: what course keys begin with. */
    public String source() {
        return prescriptionId != null ? prescriptionId.toString() : dispensingRecordId.toString();
    }

    /** Which course this is, whatever its dates ({@link RecordedConflict#courseKey()}). */
    public String courseKey() {
        return source() + "|" + lineNumber + "|" + use;
    }

    /** The same course with other drug, dates and status; its description kept only if the drug is the same. */
    public MedicationCourse with(DrugCode drug, LocalDate newFrom, LocalDate newTo, CourseStatus newStatus) {
        return new MedicationCourse(prescriptionId, lineNumber, use, patientId, drug, newFrom, newTo, newStatus,
                institutionId, prescriberId, dispensingRecordId, registeredBy,
                drug.equals(drugCode) ? this.drug : null);
    }

    /** The same course, its drug described as {@code description} says (null: not recorded). */
    public MedicationCourse describedBy(DrugDescription description) {
        return new MedicationCourse(prescriptionId, lineNumber, use, patientId, drugCode, from, to, status,
                institutionId, prescriberId, dispensingRecordId, registeredBy, description);
    }
}

package org.eprescription.query.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eprescription.core.catalogue.DrugDescription;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.MedicationCourse;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A {@link MedicationCourse} as the two course tables keep it, {@code medication_course} (the alerts' projection) and
 * {@code course_record} (what interaction checks read): the same columns, the same named parameters.
 */
public final class CourseColumns {

    private static final String COLUMNS = """
            prescription_id, dispensing_record_id, line_number, use_number, patient_id, drug_code, start_date, end_date,
            status, institution_id, prescriber_id, registrant_role, registrant_id, registrant_organisation,
            drug_description""";

    private static final String VALUES = """
            :prescriptionId, :recordId, :line, :use, :patient, :drug, :from, :to, :status, :institution, :prescriber,
            :registrantRole, :registrantId, :registrantOrganisation, cast(:drugDescription as jsonb)""";

    private static final String SET_DRUG_DATES_AND_STATUS = """
            do update set
                drug_code = excluded.drug_code,
                start_date = excluded.start_date,
                end_date = excluded.end_date,
                status = excluded.status,
                drug_description = excluded.drug_description
            """;

    /** How a course's drug description is kept ({@code drug_description}, jsonb; null when not recorded). */
    private static final JsonColumns DESCRIPTIONS = new JsonColumns(new ObjectMapper());

    private CourseColumns() {
    }

    /** Every column {@link #read} reads, from {@code table}; a where clause may follow. */
    public static String select(String table) {
        return "select " + COLUMNS + " from " + table + "\n";
    }

    /** A prescription's course inserted into {@code table}, or its drug, dates and status set. */
    public static String upsertPrescriptionCourse(String table) {
        return insert(table) + " on conflict (prescription_id, line_number, use_number) " + SET_DRUG_DATES_AND_STATUS;
    }

    /** The same for a registered dispensing record's course. */
    public static String upsertRecordCourse(String table) {
        return insert(table) + " on conflict (dispensing_record_id, line_number, use_number) "
                + SET_DRUG_DATES_AND_STATUS;
    }

    private static String insert(String table) {
        return "insert into " + table + " (" + COLUMNS + ") values (" + VALUES + ")";
    }

    /** The parameters {@code :prescriptionId}, {@code :recordId}, {@code :line}, … of an insert or upsert. */
    public static Map<String, Object> parameters(MedicationCourse course) {
        Map<String, Object> parameters = new HashMap<>(32);
        parameters.put("prescriptionId", course.prescriptionId() == null ? null : course.prescriptionId().value());
        parameters.put("recordId", course.dispensingRecordId() == null ? null : course.dispensingRecordId().value());
        parameters.put("line", course.lineNumber());
        parameters.put("use", course.use());
        parameters.put("patient", course.patientId().value());
        parameters.put("drug", course.drugCode().value());
        parameters.put("from", course.from());
        parameters.put("to", course.to());
        parameters.put("status", course.status().name());
        parameters.put("institution", course.institutionId() == null ? null : course.institutionId().value());
        parameters.put("prescriber", course.prescriberId() == null ? null : course.prescriberId().value());
        RegistrantColumns.put(parameters, course.registeredBy());
        parameters.put("drugDescription", course.drug() == null ? null : DESCRIPTIONS.write(course.drug()));
        return parameters;
    }

    public static MedicationCourse read(ResultSet rs, int row) throws SQLException {
        UUID prescription = rs.getObject("prescription_id", UUID.class);
        UUID record = rs.getObject("dispensing_record_id", UUID.class);
        String institution = rs.getString("institution_id");
        String prescriber = rs.getString("prescriber_id");
        return new MedicationCourse(prescription == null ? null : new PrescriptionId(prescription),
                rs.getInt("line_number"), rs.getInt("use_number"), PatientId.of(rs.getString("patient_id")),
                DrugCode.of(rs.getString("drug_code")), rs.getObject("start_date", LocalDate.class),
                rs.getObject("end_date", LocalDate.class), CourseStatus.valueOf(rs.getString("status")),
                institution == null ? null : InstitutionId.of(institution),
                prescriber == null ? null : PrescriberId.of(prescriber),
                record == null ? null : new DispensingRecordId(record), RegistrantColumns.read(rs),
                DESCRIPTIONS.read(rs.getString("drug_description"), DrugDescription.class));
    }
}

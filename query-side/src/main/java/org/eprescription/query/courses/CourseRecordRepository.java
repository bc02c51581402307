package org.eprescription.query.courses;

import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.MedicationCourse;
import org.eprescription.core.interaction.PatientCourses;
import org.eprescription.query.support.RegistrantColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The table {@code course_record} (migrations V100, V140): the courses interaction checks recorded, of prescriptions
 * and of registered dispensing records, as the commands' own transactions left them. Commands read it locked
 * ({@link #lockAndRead}); a draft check reads it without a lock.
 */
@Component
public class CourseRecordRepository implements PatientCourses {

    private static final String SELECT = """
            select prescription_id, dispensing_record_id, line_number, use_number, patient_id, drug_code, start_date,
                   end_date, status, institution_id, prescriber_id, registrant_role, registrant_id,
                   registrant_organisation
              from course_record
             where patient_id = :patient and status <> 'STOPPED' and end_date >= :from
             order by start_date, prescription_id, dispensing_record_id, line_number, use_number
            """;

    private static final String INSERT = """
            insert into course_record (prescription_id, dispensing_record_id, line_number, use_number, patient_id,
                drug_code, start_date, end_date, status, institution_id, prescriber_id, registrant_role,
                registrant_id, registrant_organisation)
            values (:prescriptionId, :recordId, :line, :use, :patient, :drug, :from, :to, :status, :institution,
                :prescriber, :registrantRole, :registrantId, :registrantOrganisation)
            """;

    private static final String ON_CONFLICT = """
            do update set
                drug_code = excluded.drug_code,
                start_date = excluded.start_date,
                end_date = excluded.end_date,
                status = excluded.status
            """;

    private static final String UPSERT_PRESCRIPTION_COURSE = INSERT
            + " on conflict (prescription_id, line_number, use_number) " + ON_CONFLICT;
    private static final String UPSERT_RECORD_COURSE = INSERT
            + " on conflict (dispensing_record_id, line_number, use_number) " + ON_CONFLICT;

    private final JdbcClient jdbc;

    public CourseRecordRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the patient's transaction-scoped advisory lock first, then reads in a statement of its own: under READ
     * COMMITTED that statement sees whatever the command that held the lock before committed.
     */
    @Override
    public List<MedicationCourse> lockAndRead(PatientId patientId, LocalDate from) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a patient's courses are locked for a command's transaction; none is active");
        }
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:patient, 0))")
                .param("patient", patientId.value())
                .query((rs, n) -> null)
                .list();
        return read(patientId, from);
    }

    /** The patient's courses that count from {@code from} on, as {@link #lockAndRead} reads them, without the lock. */
    public List<MedicationCourse> read(PatientId patientId, LocalDate from) {
        return jdbc.sql(SELECT)
                .param("patient", patientId.value())
                .param("from", from)
                .query(CourseRecordRepository::map)
                .list();
    }

    void save(MedicationCourse course) {
        Map<String, Object> parameters = new HashMap<>(16);
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
        jdbc.sql(course.prescriptionId() != null ? UPSERT_PRESCRIPTION_COURSE : UPSERT_RECORD_COURSE)
                .params(parameters)
                .update();
    }

    /** A cancelled or expired prescription's courses nobody took stop counting; dispensed ones run on. */
    void stopPlanned(PrescriptionId prescriptionId) {
        jdbc.sql("update course_record set status = 'STOPPED' where prescription_id = :id and status = 'PLANNED'")
                .param("id", prescriptionId.value())
                .update();
    }

    private static MedicationCourse map(ResultSet rs, int row) throws SQLException {
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
                record == null ? null : new DispensingRecordId(record), RegistrantColumns.read(rs));
    }
}

package org.eprescription.query.courses;

import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.MedicationCourse;
import org.eprescription.core.interaction.PatientCourses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The table {@code course_record} (migration V100): the courses interaction checks recorded, as the commands' own
 * transactions left them. Commands read it locked ({@link #lockAndRead}); a draft check reads it without a lock.
 */
@Component
public class CourseRecordRepository implements PatientCourses {

    private static final String SELECT = """
            select prescription_id, line_number, use_number, patient_id, drug_code, start_date, end_date, status,
                   institution_id, prescriber_id
              from course_record
             where patient_id = :patient and status <> 'STOPPED' and end_date >= :from
             order by start_date, prescription_id, line_number, use_number
            """;

    private static final String UPSERT = """
            insert into course_record (prescription_id, line_number, use_number, patient_id, drug_code, start_date,
                end_date, status, institution_id, prescriber_id)
            values (:prescriptionId, :line, :use, :patient, :drug, :from, :to, :status, :institution, :prescriber)
            on conflict (prescription_id, line_number, use_number) do update set
                drug_code = excluded.drug_code,
                start_date = excluded.start_date,
                end_date = excluded.end_date,
                status = excluded.status
            """;

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
        jdbc.sql(UPSERT)
                .param("prescriptionId", course.prescriptionId().value())
                .param("line", course.lineNumber())
                .param("use", course.use())
                .param("patient", course.patientId().value())
                .param("drug", course.drugCode().value())
                .param("from", course.from())
                .param("to", course.to())
                .param("status", course.status().name())
                .param("institution", course.institutionId().value())
                .param("prescriber", course.prescriberId().value())
                .update();
    }

    /** A cancelled or expired prescription's courses nobody took stop counting; dispensed ones run on. */
    void stopPlanned(PrescriptionId prescriptionId) {
        jdbc.sql("update course_record set status = 'STOPPED' where prescription_id = :id and status = 'PLANNED'")
                .param("id", prescriptionId.value())
                .update();
    }

    private static MedicationCourse map(ResultSet rs, int row) throws SQLException {
        return new MedicationCourse(new PrescriptionId(rs.getObject("prescription_id", UUID.class)),
                rs.getInt("line_number"), rs.getInt("use_number"), PatientId.of(rs.getString("patient_id")),
                DrugCode.of(rs.getString("drug_code")), rs.getObject("start_date", LocalDate.class),
                rs.getObject("end_date", LocalDate.class), CourseStatus.valueOf(rs.getString("status")),
                InstitutionId.of(rs.getString("institution_id")), PrescriberId.of(rs.getString("prescriber_id")));
    }
}

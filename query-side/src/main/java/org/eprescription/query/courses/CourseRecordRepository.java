package org.eprescription.query.courses;

import lombok.RequiredArgsConstructor;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.LockedCourses;
import org.eprescription.core.interaction.MedicationCourse;
import org.eprescription.core.interaction.PatientCourses;
import org.eprescription.core.interaction.UncheckedCourses;
import org.eprescription.query.support.CourseColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The table {@code course_record} (migrations V100, V140): the courses interaction checks recorded, of prescriptions
 * and of registered dispensing records, as the commands' own transactions left them. Commands read it locked
 * ({@link #lockAndRead}); a draft check reads it without a lock.
 */
@Component
@RequiredArgsConstructor
public class CourseRecordRepository implements PatientCourses {

    private static final String COURSES = CourseColumns.select("course_record") + """
             where patient_id = :patient and status <> 'STOPPED' and end_date >= :from
            """;

    private static final String ORDER = "start_date, prescription_id, dispensing_record_id, line_number, use_number";

    private static final String SELECT = COURSES + " order by " + ORDER;

    /**
     * {@link #SELECT}'s courses and {@link UncheckedCourseRepository#SOURCES}' rows in one statement: a source row has
     * {@code unchecked_source} true and only its two ids.
     */
    private static final String SELECT_WITH_UNCHECKED_SOURCES = """
            select false as unchecked_source, c.* from (%s) c
            union all
            select true, u.prescription_id, u.dispensing_record_id, null, null, null, null, null, null, null, null, null,
                   null, null, null, null
              from (%s) u
             order by unchecked_source, %s
            """.formatted(COURSES, UncheckedCourseRepository.SOURCES, ORDER);

    private static final String UPSERT_PRESCRIPTION_COURSE = CourseColumns.upsertPrescriptionCourse("course_record");
    private static final String UPSERT_RECORD_COURSE = CourseColumns.upsertRecordCourse("course_record");

    private final JdbcClient jdbc;
    private final UncheckedCourseRepository unchecked;

    /**
     * Takes the patient's transaction-scoped advisory lock first, then reads in a statement of its own: under READ
     * COMMITTED that statement sees whatever the command that held the lock before committed.
     */
    @Override
    public List<MedicationCourse> lockAndRead(PatientId patientId, LocalDate from) {
        lock(patientId);
        return read(patientId, from);
    }

    /**
     * {@link #lockAndRead} and {@link #uncheckedSince} with one read after the lock: the statement a command's check
     * needs besides the lock.
     */
    @Override
    public LockedCourses lockAndReadAll(PatientId patientId, LocalDate from) {
        lock(patientId);
        List<MedicationCourse> courses = new ArrayList<>();
        UncheckedCourseRepository.Sources unchecked = new UncheckedCourseRepository.Sources();
        jdbc.sql(SELECT_WITH_UNCHECKED_SOURCES)
                .param("patient", patientId.value())
                .param("from", from)
                .query(rs -> {
                    if (rs.getBoolean("unchecked_source")) {
                        unchecked.add(rs);
                    } else {
                        courses.add(CourseColumns.read(rs, courses.size()));
                    }
                });
        return new LockedCourses(courses, unchecked.unchecked());
    }

    private void lock(PatientId patientId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a patient's courses are locked for a command's transaction; none is active");
        }
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:patient, 0))")
                .param("patient", patientId.value())
                .query((rs, n) -> null)
                .list();
    }

    /**
     * The patient's prescriptions and records whose courses no check recorded ({@code unchecked_course}); after
     * {@link #lockAndRead}, in the same transaction, so under the same lock.
     */
    @Override
    public UncheckedCourses uncheckedSince(PatientId patientId, LocalDate from) {
        return unchecked.read(patientId, from);
    }

    /** The patient's courses that count from {@code from} on, as {@link #lockAndRead} reads them, without the lock. */
    public List<MedicationCourse> read(PatientId patientId, LocalDate from) {
        return jdbc.sql(SELECT)
                .param("patient", patientId.value())
                .param("from", from)
                .query(CourseColumns::read)
                .list();
    }

    void save(MedicationCourse course) {
        jdbc.sql(course.prescriptionId() != null ? UPSERT_PRESCRIPTION_COURSE : UPSERT_RECORD_COURSE)
                .params(CourseColumns.parameters(course))
                .update();
    }

    /** A cancelled or expired prescription's courses nobody took stop counting; dispensed ones run on. */
    void stopPlanned(PrescriptionId prescriptionId) {
        jdbc.sql("update course_record set status = 'STOPPED' where prescription_id = :id and status = 'PLANNED'")
                .param("id", prescriptionId.value())
                .update();
    }
}

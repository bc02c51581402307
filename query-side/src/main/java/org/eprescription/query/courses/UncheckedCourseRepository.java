package org.eprescription.query.courses;

import lombok.RequiredArgsConstructor;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.UncheckedCourses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The table {@code unchecked_course} (migration V164): the prescriptions and dispensing records whose courses a command
 * moved without a check (docs/alerts.md, "After alerts were switched off"), as the commands' own transactions left it.
 */
@Component
@RequiredArgsConstructor
public class UncheckedCourseRepository {

    /**
     * The condition of a row that counts: its source's courses were moved without a check that is seen, and may still
     * run on {@code :from} or later. The one statement of it, for a command's check ({@link #read}) and for the reads
     * that say whether they show the whole picture ({@link #PATIENTS_UNCHECKED}).
     */
    public static final String STILL_UNCHECKED = """
            (unchecked or pending_command is not null) and greatest(planned_until, dispensed_until) >= :from""";

    /**
     * A select of the patients among {@code :patients} (a {@code text[]}) with a row that counts on {@code :from}, for
     * a statement that asks more in the same read (api's AlertCompleteness).
     */
    public static final String PATIENTS_UNCHECKED = """
            select patient_id from unchecked_course
             where patient_id = any(cast(:patients as text[])) and\s""" + STILL_UNCHECKED;

    /** The patient's sources with a row that counts on {@code :from}: its two id columns, one of them null. */
    static final String SOURCES = """
            select prescription_id, dispensing_record_id from unchecked_course
             where patient_id = :patient and\s""" + STILL_UNCHECKED;

    private static final String MOVED = """
            insert into unchecked_course (prescription_id, dispensing_record_id, patient_id, pending_command,
                                          unchecked, days, planned_until, dispensed_until)
            values (:prescription, :record, :patient, :command, false, :days,
                    cast(:planned as date) + :days, cast(:dispensed as date) + :days - 1)
            on conflict (%s) where %s is not null do update set
                unchecked = unchecked_course.unchecked
                            or coalesce(unchecked_course.pending_command <> excluded.pending_command, false),
                pending_command = excluded.pending_command,
                days = greatest(unchecked_course.days, excluded.days),
                planned_until = greatest(unchecked_course.planned_until,
                                         cast(:planned as date) + greatest(unchecked_course.days, excluded.days)),
                dispensed_until = greatest(unchecked_course.dispensed_until,
                                           cast(:dispensed as date) + greatest(unchecked_course.days, excluded.days) - 1)
            """;

    private final JdbcClient jdbc;

    /**
     * The patient's sources whose courses a command moved without a check and that may still run on {@code from} or
     * later (a draft's check; a command's check reads {@link #SOURCES} with its courses,
     * {@link CourseRecordRepository#lockAndReadAll}, under the patient's lock).
     */
    public UncheckedCourses read(PatientId patientId, LocalDate from) {
        Sources sources = new Sources();
        jdbc.sql(SOURCES)
                .param("patient", patientId.value())
                .param("from", from)
                .query(sources::add);
        return sources.unchecked();
    }

    /** The sources a read of {@link #SOURCES} (or a statement that includes its rows) brought back. */
    static final class Sources {

        private final List<PrescriptionId> prescriptions = new ArrayList<>();
        private final List<DispensingRecordId> records = new ArrayList<>();

        void add(ResultSet rs) throws SQLException {
            UUID prescription = rs.getObject("prescription_id", UUID.class);
            if (prescription != null) {
                prescriptions.add(new PrescriptionId(prescription));
            } else {
                records.add(new DispensingRecordId(rs.getObject("dispensing_record_id", UUID.class)));
            }
        }

        UncheckedCourses unchecked() {
            return new UncheckedCourses(prescriptions, records);
        }
    }

    /**
     * Command {@code command} moved the prescription's courses: unchecked until its check is seen. Courses not handed
     * out yet may run to {@code plannedFrom} plus the days, those handed out from {@code dispensedOn} for the days.
     */
    void moved(PrescriptionId prescriptionId, String patientId, String command, int days, LocalDate plannedFrom,
               LocalDate dispensedOn) {
        jdbc.sql(MOVED.formatted("prescription_id", "prescription_id"))
                .param("prescription", prescriptionId.value())
                .param("record", null)
                .param("patient", patientId)
                .param("command", command)
                .param("days", days)
                .param("planned", plannedFrom)
                .param("dispensed", dispensedOn)
                .update();
    }

    void moved(DispensingRecordId recordId, String patientId, String command, int days, LocalDate dispensedOn) {
        jdbc.sql(MOVED.formatted("dispensing_record_id", "dispensing_record_id"))
                .param("prescription", null)
                .param("record", recordId.value())
                .param("patient", patientId)
                .param("command", command)
                .param("days", days)
                .param("planned", null)
                .param("dispensed", dispensedOn)
                .update();
    }

    /** The command's check of the prescription was recorded: what it moved is checked. */
    void checked(PrescriptionId prescriptionId, String command) {
        checked("prescription_id", prescriptionId.value(), command);
    }

    void checked(DispensingRecordId recordId, String command) {
        checked("dispensing_record_id", recordId.value(), command);
    }

    private void checked(String column, UUID id, String command) {
        jdbc.sql("update unchecked_course set pending_command = null where " + column + " = :id"
                        + " and pending_command = :command")
                .param("id", id)
                .param("command", command)
                .update();
        jdbc.sql("delete from unchecked_course where " + column + " = :id and not unchecked"
                        + " and pending_command is null")
                .param("id", id)
                .update();
    }

    /** No course of the prescription that was not handed out can start any more; one handed out runs its days. */
    void plannedEnded(PrescriptionId prescriptionId) {
        // one statement: every prescription's lifecycle ends here, nearly always without a row
        jdbc.sql("""
                        with gone as (delete from unchecked_course
                                       where prescription_id = :id and dispensed_until is null)
                        update unchecked_course set planned_until = null
                         where prescription_id = :id and dispensed_until is not null""")
                .param("id", prescriptionId.value())
                .update();
    }

    /** The record was withdrawn: none of its courses counts. */
    void withdrawn(DispensingRecordId recordId) {
        jdbc.sql("delete from unchecked_course where dispensing_record_id = :id")
                .param("id", recordId.value())
                .update();
    }
}

package org.eprescription.query.alerts.query;

import lombok.RequiredArgsConstructor;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.UncheckedCourses;
import org.eprescription.core.interaction.MedicationCourse;
import org.eprescription.query.courses.CourseRecordRepository;
import org.eprescription.query.support.CourseColumns;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A draft check's reading of the patient in one statement: the courses {@link CourseRecordRepository#read} reads,
 * the prescriptions and records whose courses no check recorded ({@code unchecked_course}), the patient's consent and
 * whether the caller cares for the patient. An EHR checks every keystroke of a draft, so
 * one round trip instead of three is most of what the check costs the database (docs/benchmarks.md, "Duplicate
 * checks").
 */
@Component
@RequiredArgsConstructor
public class DraftReads {

    private static final String SELECT = """
            select coalesce((select sharing_allowed from consent_record where patient_id = :patient), false)
                       as draft_sharing_allowed,
                   exists (select 1 from prescription_view p
                            where p.patient_id = :patient
                              and (p.institution_id = cast(:institution as varchar)
                                   or p.pharmacy_id = cast(:pharmacy as varchar)
                                   or (cast(:pharmacy as varchar) is not null
                                       and p.dispensings @> jsonb_build_array(
                                               jsonb_build_object('pharmacyId', cast(:pharmacy as varchar))))))
                       as draft_care_relationship,
                   array(select coalesce(cast(u.prescription_id as text), 'record:' || u.dispensing_record_id)
                           from unchecked_course u
                          where u.patient_id = :patient and (u.unchecked or u.pending_command is not null)
                            and greatest(u.planned_until, u.dispensed_until) >= :from) as draft_unchecked,
                   c.*
              from (values (1)) as one (x)
              left join lateral (
            """ + CourseColumns.select("course_record") + """
                     where patient_id = :patient and status <> 'STOPPED' and end_date >= :from) c on true
             order by c.start_date, c.prescription_id, c.dispensing_record_id, c.line_number, c.use_number
            """;

    private static final String RECORD = "record:";

    private final JdbcClient jdbc;

    public DraftReading read(PatientId patientId, LocalDate from, CareParties caller) {
        return jdbc.sql(SELECT)
                .param("patient", patientId.value())
                .param("from", from)
                .param("institution", caller.institution() == null ? null : caller.institution().value())
                .param("pharmacy", caller.pharmacy() == null ? null : caller.pharmacy().value())
                .query((ResultSetExtractor<DraftReading>) DraftReads::reading);
    }

    private static DraftReading reading(ResultSet rs) throws SQLException {
        boolean sharing = false;
        boolean care = false;
        List<MedicationCourse> courses = new ArrayList<>();
        List<PrescriptionId> uncheckedPrescriptions = new ArrayList<>();
        List<DispensingRecordId> uncheckedRecords = new ArrayList<>();
        boolean uncheckedRead = false;
        while (rs.next()) {
            sharing = rs.getBoolean("draft_sharing_allowed");
            care = rs.getBoolean("draft_care_relationship");
            if (!uncheckedRead) {
                uncheckedRead = true;
                for (String source : (String[]) rs.getArray("draft_unchecked").getArray()) {
                    if (source.startsWith(RECORD)) {
                        uncheckedRecords.add(DispensingRecordId.of(source.substring(RECORD.length())));
                    } else {
                        uncheckedPrescriptions.add(PrescriptionId.of(source));
                    }
                }
            }
            if (rs.getString("patient_id") != null) {
                courses.add(CourseColumns.read(rs, courses.size()));
            }
        }
        return new DraftReading(courses, new UncheckedCourses(uncheckedPrescriptions, uncheckedRecords), sharing,
                care);
    }
}

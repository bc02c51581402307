package org.eprescription.query.courses;

import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.LockedCourses;
import org.eprescription.core.interaction.MedicationCourse;
import org.eprescription.query.testsupport.TestDatabase;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** What a command's check reads of a patient (course_record and unchecked_course) against a real PostgreSQL. */
class CourseRecordRepositoryIT {

    private static final LocalDate FROM = LocalDate.of(2026, 12, 1);

    @AutoClose
    private static final TestDatabase database = new TestDatabase();
    private static final UncheckedCourseRepository unchecked = new UncheckedCourseRepository(database.jdbcClient());
    private static final CourseRecordRepository repository =
            new CourseRecordRepository(database.jdbcClient(), unchecked);
    private static final TransactionTemplate transactions =
            new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));

    @Test
    void oneReadAfterTheLockGivesTheCoursesThatCountAndTheSourcesNoCheckSaw() {
        PatientId patient = PatientId.of("PAT-" + PrescriptionId.random());
        PatientId other = PatientId.of("PAT-" + PrescriptionId.random());
        PrescriptionId later = PrescriptionId.random();
        PrescriptionId earlier = PrescriptionId.random();
        PrescriptionId stopped = PrescriptionId.random();
        PrescriptionId ended = PrescriptionId.random();
        repository.save(course(later, patient, FROM.plusDays(3), FROM.plusDays(30), CourseStatus.PLANNED));
        repository.save(course(earlier, patient, FROM.minusDays(5), FROM.plusDays(9), CourseStatus.DISPENSED));
        repository.save(course(stopped, patient, FROM, FROM.plusDays(9), CourseStatus.STOPPED));
        repository.save(course(ended, patient, FROM.minusDays(20), FROM.minusDays(1), CourseStatus.DISPENSED));
        repository.save(course(PrescriptionId.random(), other, FROM, FROM.plusDays(9), CourseStatus.PLANNED));
        PrescriptionId movedUnchecked = PrescriptionId.random();
        DispensingRecordId recordUnchecked = DispensingRecordId.random();
        unchecked.moved(movedUnchecked, patient.value(), "command-1", 28, FROM, null);
        unchecked.moved(recordUnchecked, patient.value(), "command-2", 14, FROM.minusDays(2));
        unchecked.moved(PrescriptionId.random(), patient.value(), "command-3", 14, null, FROM.minusDays(30));
        unchecked.moved(PrescriptionId.random(), other.value(), "command-4", 28, FROM, null);

        LockedCourses together = transactions.execute(status -> repository.lockAndReadAll(patient, FROM));
        LockedCourses apart = transactions.execute(status -> new LockedCourses(repository.lockAndRead(patient, FROM),
                repository.uncheckedSince(patient, FROM)));

        assertThat(together.courses()).extracting(MedicationCourse::prescriptionId)
                .as("not stopped, not ended before the day, the patient's own, by start")
                .containsExactly(earlier, later);
        assertThat(together.courses()).isEqualTo(apart.courses());
        assertThat(together.unchecked().prescriptions()).containsExactly(movedUnchecked);
        assertThat(together.unchecked().dispensingRecords()).containsExactly(recordUnchecked);
        assertThat(together.unchecked()).isEqualTo(apart.unchecked());
    }

    private static MedicationCourse course(PrescriptionId id, PatientId patient, LocalDate from, LocalDate to,
                                           CourseStatus status) {
        return new MedicationCourse(id, 1, 1, patient, DrugCode.of("2171022F1021"), from, to, status,
                InstitutionId.of("HOSP-1"), PrescriberId.of("DOC-1"), null, null, null);
    }
}

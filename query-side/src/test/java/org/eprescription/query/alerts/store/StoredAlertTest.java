package org.eprescription.query.alerts.store;

import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.AlertType;
import org.eprescription.core.interaction.Severity;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.MedicationCourse;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/alerts.md, "Resolution follows the medicine": an alert takes the courses it names as they are recorded now. */
class StoredAlertTest {

    private static final DrugCode BRAND = DrugCode.of("2171022F1021");
    private static final DrugCode GENERIC = DrugCode.of("2171022F3024");
    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);
    private static final PatientId PATIENT = PatientId.of("PAT-1");
    private final PrescriptionId other = new PrescriptionId(UUID.randomUUID());

    @Test
    void aCourseDispensedLaterAsASubstituteIsFollowedInPeriodDrugAndProduct() {
        StoredAlert alert = alertNaming(new Conflict(other, 1, 1, BRAND, DAY, DAY.plusDays(13),
                InstitutionId.of("HOSP-A"), PrescriberId.of("DOC-A"), true));
        MedicationCourse dispensed = course(GENERIC, DAY.plusDays(3), DAY.plusDays(16));

        StoredAlert followed = alert.followingCourses(Map.of(dispensed.courseKey(), dispensed)).orElseThrow();

        Conflict now = followed.conflicts().get(0);
        assertThat(now.drugCode()).isEqualTo(GENERIC);
        assertThat(now.from()).isEqualTo(DAY.plusDays(3));
        assertThat(now.to()).isEqualTo(DAY.plusDays(16));
        assertThat(now.sameProduct()).as("the alert's own line is the brand").isFalse();
        assertThat(followed.asOf(DAY.plusDays(14)).isOpen()).as("still taken after the planned end").isTrue();
        assertThat(followed.asOf(DAY.plusDays(17)).isOpen()).isFalse();
    }

    @Test
    void aCourseRecordedAsItWasChangesNothing() {
        StoredAlert alert = alertNaming(new Conflict(other, 1, 1, BRAND, DAY, DAY.plusDays(13),
                InstitutionId.of("HOSP-A"), PrescriberId.of("DOC-A"), true));
        MedicationCourse same = course(BRAND, DAY, DAY.plusDays(13));

        assertThat(alert.followingCourses(Map.of(same.courseKey(), same))).isEmpty();
        assertThat(alert.followingCourses(Map.of())).isEmpty();
    }

    private MedicationCourse course(DrugCode drug, LocalDate from, LocalDate to) {
        return new MedicationCourse(other, 1, 1, PATIENT, drug, from, to, CourseStatus.DISPENSED,
                InstitutionId.of("HOSP-A"), PrescriberId.of("DOC-A"));
    }

    private static StoredAlert alertNaming(Conflict conflict) {
        return new StoredAlert(new AlertId(UUID.randomUUID().toString()), PATIENT, new PrescriptionId(UUID.randomUUID()), 1,
                AlertType.SAME_INGREDIENT, Severity.HIGH, StoredAlert.OPEN, BRAND, "amlodipine", "amlodipine",
                InstitutionId.of("HOSP-B"), PrescriberId.of("DOC-B"), List.of(conflict), List.of(),
                Instant.parse("2026-12-01T00:00:00Z"), null, null, null);
    }
}

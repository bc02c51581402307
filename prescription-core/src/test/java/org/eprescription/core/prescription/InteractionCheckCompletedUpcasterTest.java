package org.eprescription.core.prescription;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.AlertType;
import org.eprescription.core.interaction.CheckTrigger;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.RecordedAlert;
import org.eprescription.core.interaction.RecordedConflict;
import org.eprescription.core.interaction.RecordedCourse;
import org.eprescription.core.interaction.Severity;
import org.eprescription.core.interaction.UncheckedCourses;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.core.prescription.event.InteractionCheckCompletedUpcaster;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.core.prescription.StoredRevisions.AGGREGATE_ID;
import static org.eprescription.core.prescription.StoredRevisions.storedPrescriptionEvent;
import static org.eprescription.core.prescription.StoredRevisions.upcastAndRead;

/**
 * An InteractionCheckCompleted stored as revision 1, 2 or 3 (frozen JSON, as the store kept it) reads as revision 4:
 * revision 1's conflicts are prescriptions' courses, naming no dispensing record; neither of the first two names a drug
 * code it could not compare, and neither is read as if it had; none names a prescription no check had recorded.
 */
class InteractionCheckCompletedUpcasterTest {

    @Test
    void aRevisionOneCheckReadsWithPrescriptionConflictsOnly() throws IOException {
        GenericDomainEventEntry<byte[]> stored = storedPrescriptionEvent(1,
                "e7a3c0de-0000-4000-8000-000000000011", "2026-11-29T08:36:26.138752315Z",
                InteractionCheckCompleted.class, "1");

        DomainEventMessage<?> event = upcastAndRead(stored, new InteractionCheckCompletedUpcaster());

        RecordedConflict conflict = new RecordedConflict(PrescriptionId.of("3b0e8c52-1f4d-4a8e-b6f1-7c2d9e0a5b13"), 1,
                1, DrugCode.of("2171022F3024"), LocalDate.of(2026, 11, 20), LocalDate.of(2026, 12, 17),
                CourseStatus.DISPENSED, InstitutionId.of("HOSP-5"), PrescriberId.of("DOC-21"), false);
        assertThat(event.getPayload()).isEqualTo(new InteractionCheckCompleted(PrescriptionId.of(AGGREGATE_ID),
                PatientId.of("PAT-0001"), InstitutionId.of("HOSP-3"), PrescriberId.of("DOC-17"), CheckTrigger.ISSUE,
                List.of(new RecordedCourse(1, 1, DrugCode.of("2171022F1021"), LocalDate.of(2026, 11, 29),
                        LocalDate.of(2026, 12, 26), CourseStatus.PLANNED)),
                List.of(new RecordedAlert(AlertId.of("5b8f2d1e-63a4-3c7e-9f0a-1d2e3f4a5b6c"),
                        AlertType.SAME_INGREDIENT, Severity.HIGH, 1, 1, DrugCode.of("2171022F1021"), "amlodipine",
                        "amlodipine", LocalDate.of(2026, 11, 29), LocalDate.of(2026, 12, 26), List.of(conflict))),
                "sha256:0123456789abcdef", Instant.parse("2026-11-29T08:36:26.138752315Z")));
        assertThat(conflict.dispensingRecordId()).isNull();
        assertThat(conflict.courseKey()).isEqualTo("3b0e8c52-1f4d-4a8e-b6f1-7c2d9e0a5b13|1|1");
        assertThat(((InteractionCheckCompleted) event.getPayload()).unknownDrugCodes()).isEmpty();
    }

    @Test
    void aRevisionTwoCheckReadsAsOneThatComparedEveryCourse() throws IOException {
        InteractionCheckCompleted check = readAsStored("2", "e7a3c0de-0000-4000-8000-000000000012");

        assertThat(check.unknownDrugCodes()).isEmpty();
        assertThat(check.complete()).isTrue();
        assertThat(check.alerts()).singleElement().satisfies(alert -> assertThat(alert.conflicts()).singleElement()
                .satisfies(conflict -> assertThat(conflict.dispensingRecordId()).isNull()));
    }

    @Test
    void aRevisionThreeCheckKeepsItsUnknownDrugCodesAndReadsAsOneThatMetNothingUnchecked() throws IOException {
        InteractionCheckCompleted check = readAsStored("3", "e7a3c0de-0000-4000-8000-000000000013");

        assertThat(check.unknownDrugCodes()).containsExactly(DrugCode.of("6250001M1020"));
        assertThat(check.unchecked()).isEqualTo(UncheckedCourses.NONE);
        assertThat(check.complete()).isFalse();
    }

    /** The frozen check of {@code revision}, stored as the prescription's event 1, read back as the store reads it. */
    private static InteractionCheckCompleted readAsStored(String revision, String eventId) throws IOException {
        GenericDomainEventEntry<byte[]> stored = storedPrescriptionEvent(1, eventId, "2026-11-29T08:36:26.138752315Z",
                InteractionCheckCompleted.class, revision);
        return (InteractionCheckCompleted) upcastAndRead(stored, new InteractionCheckCompletedUpcaster()).getPayload();
    }
}

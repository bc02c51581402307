package org.eprescription.query.courses;

import lombok.RequiredArgsConstructor;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.eprescription.core.interaction.MedicationCourse;
import org.eprescription.core.interaction.RecordedCourse;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.core.prescription.event.PrescriptionCancelled;
import org.eprescription.core.prescription.event.PrescriptionExpired;
import org.eprescription.core.record.event.DispensingRecordChecked;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code course_record} as the recorded checks and the prescriptions' ends say. The application runs it in a
 * subscribing processor, {@value #PROCESSING_GROUP}: in the transaction of the command whose events it handles, so
 * the next command's check (which waits for the patient's lock) finds everything recorded before it, and a failure
 * here fails that command with nothing half-written. Copies what the events decided; decides nothing.
 */
@Component
@ProcessingGroup(CourseRecordProjection.PROCESSING_GROUP)
@RequiredArgsConstructor
public class CourseRecordProjection {

    public static final String PROCESSING_GROUP = "course-record";

    private final CourseRecordRepository repository;

    @EventHandler
    public void on(InteractionCheckCompleted event) {
        for (RecordedCourse course : event.courses()) {
            repository.save(new MedicationCourse(event.prescriptionId(), course.lineNumber(), course.use(),
                    event.patientId(), course.drugCode(), course.from(), course.to(), course.status(),
                    event.institutionId(), event.prescriberId()));
        }
    }

    /** A registered dispensing's courses, as its registration, correction or withdrawal recorded them. */
    @EventHandler
    public void on(DispensingRecordChecked event) {
        for (RecordedCourse course : event.courses()) {
            repository.save(MedicationCourse.ofRecord(event.recordId(), course.lineNumber(), course.use(),
                    event.patientId(), course.drugCode(), course.from(), course.to(), course.status(),
                    event.institutionId(), event.prescriberId(), event.registeredBy()));
        }
    }

    @EventHandler
    public void on(PrescriptionCancelled event) {
        repository.stopPlanned(event.prescriptionId());
    }

    @EventHandler
    public void on(PrescriptionExpired event) {
        repository.stopPlanned(event.prescriptionId());
    }
}

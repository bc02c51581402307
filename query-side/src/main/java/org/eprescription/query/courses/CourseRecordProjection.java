package org.eprescription.query.courses;

import lombok.RequiredArgsConstructor;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.core.prescription.event.PrescriptionCancelled;
import org.eprescription.core.prescription.event.PrescriptionExpired;
import org.eprescription.core.record.event.DispensingRecordChecked;
import org.eprescription.query.support.RecordedCourses;
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
        RecordedCourses.of(event).forEach(repository::save);
    }

    /** A registered dispensing's courses, as its registration, correction or withdrawal recorded them. */
    @EventHandler
    public void on(DispensingRecordChecked event) {
        RecordedCourses.of(event).forEach(repository::save);
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

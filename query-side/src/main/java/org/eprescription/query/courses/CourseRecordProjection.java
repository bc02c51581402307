package org.eprescription.query.courses;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.core.prescription.event.PrescriptionCancelled;
import org.eprescription.core.prescription.event.PrescriptionExpired;
import org.eprescription.core.record.event.DispensingRecordChecked;
import org.eprescription.query.support.RecordedCourses;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code course_record} as the recorded checks and the prescriptions' ends say. The application runs it in a
 * subscribing processor, {@value #PROCESSING_GROUP}: in the transaction of the command whose events it handles, so
 * the next command's check (which waits for the patient's lock) finds everything recorded before it, and a failure
 * here fails that command with nothing half-written. Copies what the events decided; decides nothing.
 *
 * <p>A replay starts from the courses the first release derived (migration V179, {@link FirstReleaseCourses}), which
 * no event records, and skips what that release stored: its effect on them is in those courses, as the live table
 * never saw those events either.
 */
@Component
@ProcessingGroup(CourseRecordProjection.PROCESSING_GROUP)
public class CourseRecordProjection {

    public static final String PROCESSING_GROUP = "course-record";

    private final CourseRecordRepository repository;
    private final FirstReleaseCourses firstRelease;

    @Autowired
    public CourseRecordProjection(CourseRecordRepository repository) {
        this(repository, FirstReleaseCourses.NONE);
    }

    private CourseRecordProjection(CourseRecordRepository repository, FirstReleaseCourses firstRelease) {
        this.repository = repository;
        this.firstRelease = firstRelease;
    }

    /** A projection for a replay, into tables that start from the first release's courses. */
    public static CourseRecordProjection forReplay(CourseRecordRepository repository,
                                                   FirstReleaseCourses firstRelease) {
        return new CourseRecordProjection(repository, firstRelease);
    }

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
    public void on(PrescriptionCancelled event, EventMessage<?> message) {
        if (!firstRelease.storedByIt(message)) {
            repository.stopPlanned(event.prescriptionId());
        }
    }

    @EventHandler
    public void on(PrescriptionExpired event, EventMessage<?> message) {
        if (!firstRelease.storedByIt(message)) {
            repository.stopPlanned(event.prescriptionId());
        }
    }
}

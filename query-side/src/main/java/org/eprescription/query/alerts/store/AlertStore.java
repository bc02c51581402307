package org.eprescription.query.alerts.store;

import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.MedicationCourse;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the alert projection reads and writes: {@link AlertRepository} (a statement per call, the live tables), or
 * {@link AlertReplayStore} (patients' rows held in memory and written in batches, for a replay). Each method means what
 * the repository's statement does.
 */
public interface AlertStore {

    /** The sequence number of the last event of the prescription processed, or -1. */
    long progress(PrescriptionId prescriptionId);

    /**
     * Raises the prescription's progress to {@code version}; false, changing nothing, if it is there or beyond already
     * (the event was processed before). One statement decides and records, so the projection asks before it acts.
     */
    boolean advanceProgress(PrescriptionId prescriptionId, long version);

    /** By start date, prescription id (as PostgreSQL orders uuids), line and use. */
    List<MedicationCourse> coursesOfPatient(PatientId patientId);

    /** The patient a prescription belongs to, as its courses say. */
    Optional<PatientId> patientOf(PrescriptionId prescriptionId);

    /** Inserts the course, or sets drug, dates and status of the stored one. */
    void saveCourse(MedicationCourse course);

    /** PLANNED courses of the prescription become STOPPED; answers how many. */
    int stopPlannedCourses(PrescriptionId prescriptionId);

    /** Inserts the alert, or opens the stored one again with both their conflicts ({@link StoredAlert#raisedAgain}). */
    void raiseAlert(StoredAlert alert);

    /** By alert id. */
    List<StoredAlert> openAlertsOfPatient(PatientId patientId);

    /** The alert, if OPEN, becomes RESOLVED at {@code at}; answers how many (0 or 1). */
    int resolveAlert(AlertId alertId, Instant at);

    /** Appends to the alert's acknowledgements; false for an unknown alert. */
    boolean appendAcknowledgement(AcknowledgementView acknowledgement);

    /** The patient's consent, unless the stored one is of the same or a later version. */
    void saveConsent(PatientId patientId, boolean sharingAllowed, Instant changedAt, long version);
}

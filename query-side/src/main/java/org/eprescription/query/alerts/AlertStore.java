package org.eprescription.query.alerts;

import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.CandidateLine;
import org.eprescription.core.interaction.MedicationCourse;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What {@link AlertProjection} reads and writes: {@link AlertRepository} (a statement per call, the live tables), or
 * {@link AlertReplayStore} (patients' rows held in memory and written in batches, for a replay). Each method means what
 * the repository's statement does.
 */
interface AlertStore {

    /** The sequence number of the last event of the prescription processed, or -1. */
    long progress(PrescriptionId prescriptionId);

    /**
     * Raises the prescription's progress to {@code version}; false, changing nothing, if it is there or beyond already
     * (the event was processed before). One statement decides and records, so the projection asks before it acts.
     */
    boolean advanceProgress(PrescriptionId prescriptionId, long version);

    /** By start date, prescription id (as PostgreSQL orders uuids), line and use. */
    List<StoredCourse> coursesOfPatient(PatientId patientId);

    /** Those of {@link #coursesOfPatient} that are not stopped and do not end before {@code from}, in that order. */
    List<StoredCourse> coursesCountingFrom(PatientId patientId, LocalDate from);

    /**
     * The courses the rules compare new {@code lines} with: those counting from the earliest line's start, since a
     * course stopped or ended before then overlaps none of them (not a chronic patient's whole history); none
     * without lines.
     */
    default List<MedicationCourse> coursesComparedWith(PatientId patientId, List<CandidateLine> lines) {
        return earliestStart(lines)
                .map(from -> coursesCountingFrom(patientId, from).stream().map(StoredCourse::course).toList())
                .orElse(List.of());
    }

    /** Where the earliest of {@code lines} starts; empty without lines. */
    static Optional<LocalDate> earliestStart(List<CandidateLine> lines) {
        return lines.stream().map(CandidateLine::from).min(Comparator.naturalOrder());
    }

    /**
     * {@link #advanceProgress} and, if it advanced, {@link #coursesComparedWith}: what an issue needs before its rules
     * run; empty, changing nothing, if the event was processed before. The repository does both in one statement.
     */
    default Optional<List<MedicationCourse>> advanceProgressAndReadCourses(PrescriptionId prescriptionId, long version,
                                                                          PatientId patientId,
                                                                          List<CandidateLine> lines) {
        if (!advanceProgress(prescriptionId, version)) {
            return Optional.empty();
        }
        return Optional.of(coursesComparedWith(patientId, lines));
    }

    /** By line and use. */
    List<StoredCourse> coursesOfPrescription(PrescriptionId prescriptionId);

    Optional<StoredCourse> course(PrescriptionId prescriptionId, int lineNumber, int use);

    /** The patient a prescription belongs to, as its courses say. */
    Optional<PatientId> patientOf(PrescriptionId prescriptionId);

    /** Inserts the course, or sets drug, dates, status and dispensing time of the stored one. */
    void saveCourse(StoredCourse stored);

    /** PLANNED courses of the prescription become STOPPED; answers how many. */
    int stopPlannedCourses(PrescriptionId prescriptionId);

    /** Inserts the alert unless one with its id exists. */
    void insertAlert(StoredAlert alert);

    /** By alert id. */
    List<StoredAlert> openAlertsOfPatient(PatientId patientId);

    /** OPEN alerts of the prescription become RESOLVED at {@code at}; answers how many. */
    int resolveAlertsOfPrescription(PrescriptionId prescriptionId, Instant at);

    /** The alert, if OPEN, becomes RESOLVED at {@code at}; answers how many (0 or 1). */
    int resolveAlert(AlertId alertId, Instant at);

    /** Appends to the alert's acknowledgements; false for an unknown alert. */
    boolean appendAcknowledgement(AcknowledgementView acknowledgement);

    /** The patient's consent, unless the stored one is of the same or a later version. */
    void saveConsent(PatientId patientId, boolean sharingAllowed, Instant changedAt, long version);

    /** Empties all four tables. */
    void deleteAll();
}

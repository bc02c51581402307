package org.eprescription.query.alerts.store;

import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.AlertType;
import org.eprescription.core.interaction.MedicationCourse;
import org.eprescription.core.interaction.RecordedAlert;
import org.eprescription.core.interaction.Severity;
import org.eprescription.core.ids.Party;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.core.record.event.DispensingRecordChecked;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A row of {@code medication_alert}, conflicts unmasked. Its own side is a prescription ({@code prescriptionId}), or
 * a registered dispensing record ({@code dispensingRecordId}, registered by {@code registeredBy}; then
 * {@code institutionId} is the prescribing institution and may be null, like {@code prescriberId}). {@code severity}
 * is the one the check recorded.
 */
public record StoredAlert(AlertId alertId, PatientId patientId, PrescriptionId prescriptionId, int lineNumber,
                   AlertType type, Severity severity, String status, DrugCode drugCode, String key, String ingredient,
                   InstitutionId institutionId, PrescriberId prescriberId, List<Conflict> conflicts,
                   List<AcknowledgementView> acknowledgements, Instant raisedAt, Instant resolvedAt,
                   DispensingRecordId dispensingRecordId, Party registeredBy) {

    public static final String OPEN = "OPEN";
    public static final String RESOLVED = "RESOLVED";

    /** An alert as the check recorded it, open, not acknowledged yet. */
    public static StoredAlert raised(InteractionCheckCompleted check, RecordedAlert alert) {
        return new StoredAlert(alert.alertId(), check.patientId(), check.prescriptionId(), alert.lineNumber(),
                alert.type(), severityOf(alert), OPEN, alert.drugCode(), alert.key(), alert.ingredient(),
                check.institutionId(), check.prescriberId(), alert.conflicts().stream().map(Conflict::of).toList(),
                List.of(), check.checkedAt(), null, null, null);
    }

    /** An alert a registered dispensing's check recorded, on one of its items. */
    public static StoredAlert raised(DispensingRecordChecked check, RecordedAlert alert) {
        return new StoredAlert(alert.alertId(), check.patientId(), null, alert.lineNumber(), alert.type(),
                severityOf(alert), OPEN, alert.drugCode(), alert.key(), alert.ingredient(), check.institutionId(),
                check.prescriberId(), alert.conflicts().stream().map(Conflict::of).toList(), List.of(),
                check.checkedAt(), null, check.recordId(), check.registeredBy());
    }

    /** The severity the check recorded (docs/alerts.md), never today's rule for the kind of alert. */
    private static Severity severityOf(RecordedAlert alert) {
        return alert.severity() != null ? alert.severity() : alert.type().severity();
    }

    /**
     * This alert raised again by a later check of its prescription: open again, with the courses it named and those
     * named now (as they stand now); when it was first raised and its acknowledgements stay.
     */
    public StoredAlert raisedAgain(StoredAlert again) {
        Map<String, Conflict> merged = new LinkedHashMap<>();
        conflicts.forEach(conflict -> merged.put(conflict.courseKey(), conflict));
        again.conflicts().forEach(conflict -> merged.put(conflict.courseKey(), conflict));
        return new StoredAlert(alertId, patientId, prescriptionId, lineNumber, type, severity, OPEN, drugCode, key,
                ingredient, institutionId, prescriberId, List.copyOf(merged.values()), acknowledgements, raisedAt,
                null, dispensingRecordId, registeredBy);
    }

    /**
     * This alert with each course it names in {@code courses} (by course key) as that course is now recorded: its
     * period, and its drug when it was handed out as a substitute; empty if nothing changed.
     */
    public Optional<StoredAlert> followingCourses(Map<String, MedicationCourse> courses) {
        boolean changed = false;
        List<Conflict> following = new ArrayList<>(conflicts.size());
        for (Conflict conflict : conflicts) {
            MedicationCourse now = courses.get(conflict.courseKey());
            if (now != null && !(now.drugCode().equals(conflict.drugCode()) && now.from().equals(conflict.from())
                    && now.to().equals(conflict.to()))) {
                following.add(conflict.as(now.drugCode(), now.drugCode().equals(drugCode), now.from(), now.to()));
                changed = true;
            } else {
                following.add(conflict);
            }
        }
        return changed ? Optional.of(new StoredAlert(alertId, patientId, prescriptionId, lineNumber, type, severity,
                status, drugCode, key, ingredient, institutionId, prescriberId, List.copyOf(following), acknowledgements,
                raisedAt, resolvedAt, dispensingRecordId, registeredBy)) : Optional.empty();
    }

    public StoredAlert withAcknowledgements(List<AcknowledgementView> given) {
        return new StoredAlert(alertId, patientId, prescriptionId, lineNumber, type, severity, status, drugCode, key,
                ingredient, institutionId, prescriberId, conflicts, given, raisedAt, resolvedAt, dispensingRecordId,
                registeredBy);
    }

    public StoredAlert resolved(Instant at) {
        return new StoredAlert(alertId, patientId, prescriptionId, lineNumber, type, severity, RESOLVED, drugCode, key,
                ingredient, institutionId, prescriberId, conflicts, acknowledgements, raisedAt, at, dispensingRecordId,
                registeredBy);
    }

    public Set<InstitutionId> ownInstitutions() {
        return institutionId == null ? Set.of() : Set.of(institutionId);
    }

    public Set<DispensingRecordId> ownRecords() {
        return dispensingRecordId == null ? Set.of() : Set.of(dispensingRecordId);
    }

    /**
     * The institution of prescription {@code id} as this alert names it: its own, or that of a course it names; null
     * if neither names one.
     */
    public InstitutionId institutionOf(PrescriptionId id) {
        if (id.equals(prescriptionId)) {
            return institutionId;
        }
        return conflicts.stream().filter(conflict -> id.equals(conflict.prescriptionId()))
                .map(Conflict::institutionId).findFirst().orElse(institutionId);
    }

    /** Raised on the prescription's lines, or naming one of its courses. */
    public boolean links(PrescriptionId id) {
        return id.equals(prescriptionId) || conflicts.stream().anyMatch(conflict -> id.equals(conflict.prescriptionId()));
    }

    /** Raised on the record's items, or naming one of its courses. */
    public boolean links(DispensingRecordId id) {
        return id.equals(dispensingRecordId)
                || conflicts.stream().anyMatch(conflict -> id.equals(conflict.dispensingRecordId()));
    }

    /** The source whose line (or item) the alert is on, as course keys begin. */
    public String source() {
        return prescriptionId != null ? prescriptionId.toString() : String.valueOf(dispensingRecordId);
    }

    /**
     * As it stands on {@code today}: an open alert whose conflicting courses have all ended (a dispensed course runs
     * to its last day, whatever happens to its prescription) is resolved; the stored row keeps what the events said.
     */
    public StoredAlert asOf(LocalDate today) {
        boolean noConflictRunning = conflicts.stream().allMatch(conflict -> conflict.to().isBefore(today));
        if (!isOpen() || conflicts.isEmpty() || !noConflictRunning) {
            return this;
        }
        return new StoredAlert(alertId, patientId, prescriptionId, lineNumber, type, severity, RESOLVED, drugCode, key,
                ingredient, institutionId, prescriberId, conflicts, acknowledgements, raisedAt, resolvedAt,
                dispensingRecordId, registeredBy);
    }

    public boolean isOpen() {
        return OPEN.equals(status);
    }
}

package org.eprescription.query.alerts.query;

import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriptionId;

import java.time.LocalDate;
import java.util.List;

/**
 * "What would conflict?" for a draft, against the courses as they stand; writes nothing and answers
 * {@code List<AlertView>}. {@code startDate} null means today; with the intended {@code prescriptionId} the alert ids
 * are those the issued prescription will carry (null: a random id, the ids then predict nothing).
 * {@code careRelationship}: the caller's institution issued, or its pharmacy holds or dispensed, a prescription of the
 * patient; without it (and without the patient's consent) the answer names nothing of the patient's medication.
 */
public record CheckDuplicates(PatientId patientId, List<DraftLine> lines, LocalDate startDate,
                              PrescriptionId prescriptionId, boolean careRelationship) {

    public CheckDuplicates {
        lines = List.copyOf(lines);
    }
}

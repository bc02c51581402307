package org.eprescription.query.prescription;

import org.eprescription.core.ids.PrescriptionId;

import java.time.LocalDate;
import java.util.List;

/**
 * The answer to {@link FindExpiryCandidates}, and where the next page starts ({@code next}; null when this page was
 * the last).
 */
public record ExpiryCandidates(List<PrescriptionId> prescriptionIds, Cursor next) {

    /** The last candidate of a page: its deadline and id, in the order candidates are listed. */
    public record Cursor(LocalDate expiresAfter, PrescriptionId prescriptionId) {
    }

    public ExpiryCandidates {
        prescriptionIds = List.copyOf(prescriptionIds);
    }

    public ExpiryCandidates(List<PrescriptionId> prescriptionIds) {
        this(prescriptionIds, null);
    }
}

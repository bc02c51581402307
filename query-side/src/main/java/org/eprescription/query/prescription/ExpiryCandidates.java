package org.eprescription.query.prescription;

import org.eprescription.core.ids.PrescriptionId;

import java.util.List;

/** The answer to {@link FindExpiryCandidates}. */
public record ExpiryCandidates(List<PrescriptionId> prescriptionIds) {

    public ExpiryCandidates {
        prescriptionIds = List.copyOf(prescriptionIds);
    }
}

package org.eprescription.query.prescription;

import org.eprescription.core.ids.PrescriptionId;

/** One prescription by id; answers {@code Optional<PrescriptionView>}. Follow it for live updates ({@link PrescriptionViewUpdates#follow}). */
public record FindPrescription(PrescriptionId prescriptionId) {
}

package org.eprescription.query.prescription;

import org.eprescription.core.ids.PrescriptionId;

/** One prescription by id; answers {@code Optional<PrescriptionView>}. Subscribe to it for live updates. */
public record FindPrescription(PrescriptionId prescriptionId) {
}

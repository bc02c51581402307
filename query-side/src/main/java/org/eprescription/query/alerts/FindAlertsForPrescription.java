package org.eprescription.query.alerts;

import org.eprescription.core.ids.PrescriptionId;

/** The alerts raised on one prescription's lines, open and resolved; answers {@code List<AlertView>}. */
public record FindAlertsForPrescription(PrescriptionId prescriptionId) {
}

package org.eprescription.query.alerts.query;

import org.eprescription.core.ids.PrescriptionId;

/**
 * The alerts of one prescription, open and resolved: those raised on its lines, then those later prescriptions raised
 * naming it; answers {@code List<AlertView>}.
 */
public record FindAlertsForPrescription(PrescriptionId prescriptionId) {
}

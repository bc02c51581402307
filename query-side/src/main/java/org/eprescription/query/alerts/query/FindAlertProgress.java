package org.eprescription.query.alerts.query;

import org.eprescription.core.ids.PrescriptionId;

/**
 * The sequence number of the last event of the prescription the alert projection processed, or -1 if none;
 * answers {@code Long}.
 */
public record FindAlertProgress(PrescriptionId prescriptionId) {
}

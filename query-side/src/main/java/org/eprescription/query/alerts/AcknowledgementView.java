package org.eprescription.query.alerts;

import org.eprescription.core.ids.AlertId;
import org.eprescription.core.prescription.Party;

import java.time.Instant;

/** Someone went ahead despite the alert, and why. */
public record AcknowledgementView(AlertId alertId, String reason, Party acknowledgedBy, Instant acknowledgedAt) {
}

package org.eprescription.core.prescription;

import org.eprescription.core.ids.AlertId;

/** A prescriber's or pharmacist's decision to go ahead despite an alert, and why. */
public record AlertAcknowledgement(AlertId alertId, String reason) {
}

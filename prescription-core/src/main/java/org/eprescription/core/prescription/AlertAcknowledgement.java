package org.eprescription.core.prescription;

import org.eprescription.core.ids.AlertId;

import java.util.List;

/**
 * A prescriber's or pharmacist's decision to go ahead despite an alert, and why. {@code conflictIds} names the
 * conflicts the acknowledger saw (each conflict of an answer carries its id); null when the client did not say, and
 * then the acknowledgement covers the conflicts the alert has when it is recorded (docs/alerts.md).
 */
public record AlertAcknowledgement(AlertId alertId, String reason, List<String> conflictIds) {

    public AlertAcknowledgement {
        conflictIds = conflictIds == null ? null : List.copyOf(conflictIds);
    }

    /** Without saying which conflicts were seen. */
    public AlertAcknowledgement(AlertId alertId, String reason) {
        this(alertId, reason, null);
    }
}

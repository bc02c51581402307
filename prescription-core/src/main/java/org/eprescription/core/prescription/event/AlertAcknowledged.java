package org.eprescription.core.prescription.event;

import org.axonframework.serialization.Revision;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.ids.Party;

import java.time.Instant;
import java.util.List;

/**
 * A prescriber or pharmacist acknowledged an alert on this prescription. Revision 2 names the conflicts the
 * acknowledgement covers ({@code conflictIds}, see {@link org.eprescription.core.interaction.ConflictIds}); null, as
 * in every revision-1 event, means the conflicts the alert had when this was recorded. A conflict recorded later is
 * not covered: the alert waits for acknowledgement again (docs/alerts.md).
 */
@Revision("2")
public record AlertAcknowledged(PrescriptionId prescriptionId, AlertId alertId, String reason, Party acknowledgedBy,
                                Instant acknowledgedAt, List<String> conflictIds) implements PrescriptionEvent {

    public AlertAcknowledged {
        conflictIds = conflictIds == null ? null : List.copyOf(conflictIds);
    }
}

package org.eprescription.query.alerts.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.interaction.ConflictIds;
import org.eprescription.core.ids.Party;

import java.time.Instant;
import java.util.List;

/**
 * Someone went ahead despite the alert, and why. {@code conflictIds} are the conflicts it covers; null only in rows
 * written before acknowledgements named them, and then it covers every conflict the alert has.
 */
public record AcknowledgementView(AlertId alertId, String reason, Party acknowledgedBy, Instant acknowledgedAt,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) List<String> conflictIds) {

    public AcknowledgementView {
        conflictIds = conflictIds == null ? null : List.copyOf(conflictIds);
    }

    /** Whether it covers {@code conflict} of its alert. */
    public boolean covers(Conflict conflict) {
        return conflictIds == null || conflictIds.contains(ConflictIds.of(alertId, conflict.courseKey()));
    }

    /** With the conflicts it covers named: as given, or those of {@code conflicts} when it did not say. */
    public AcknowledgementView naming(List<Conflict> conflicts) {
        if (conflictIds != null) {
            return this;
        }
        return new AcknowledgementView(alertId, reason, acknowledgedBy, acknowledgedAt,
                conflicts.stream().map(conflict -> ConflictIds.of(alertId, conflict.courseKey())).toList());
    }
}

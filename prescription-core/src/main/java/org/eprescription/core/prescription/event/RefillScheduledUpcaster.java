package org.eprescription.core.prescription.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eprescription.core.prescription.Prescription;

/**
 * Reads a stored {@link RefillScheduled} of revision 1 as revision 2. Revision 1 did not record how many days the use's
 * longest planned course runs ({@code courseDays}); the event alone cannot tell, so it is read as the longest a line
 * may be prescribed for ({@link Prescription#MAX_DAYS}). Only the count of what a command moved without a check reads
 * it, and there a course counted too long is the safe side: counted too short, a later check would answer "complete"
 * while a course it cannot see still runs (docs/alerts.md, "After alerts were switched off"). Stored events are never
 * rewritten.
 */
public class RefillScheduledUpcaster extends RevisionUpcaster {

    public RefillScheduledUpcaster() {
        super(RefillScheduled.class, "2", "1");
    }

    @Override
    protected JsonNode upcast(JsonNode payload, String revision) {
        ObjectNode event = (ObjectNode) payload;
        event.put("courseDays", Prescription.MAX_DAYS);
        return event;
    }
}

package org.eprescription.core.prescription.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a stored {@link AlertAcknowledged} of revision 1 as revision 2: it did not name the conflicts it covered, so
 * it covers those the alert had when it was recorded ({@code conflictIds} null).
 */
public class AlertAcknowledgedUpcaster extends RevisionUpcaster {

    public AlertAcknowledgedUpcaster() {
        super(AlertAcknowledged.class, "2", "1");
    }

    @Override
    protected JsonNode upcast(JsonNode payload, String revision) {
        ((ObjectNode) payload).putNull("conflictIds");
        return payload;
    }
}

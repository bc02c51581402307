package org.eprescription.core.record.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eprescription.core.prescription.event.RevisionUpcaster;

/**
 * Reads a stored {@link DispensingRegistered} or {@link DispensingRecordCorrected} of revision 1 or 2 as revision 3.
 * Revision 2 added whether an item is taken as needed: revision 1 could not say so, and its courses were recorded for
 * their days of supply, so its items are read with {@code asNeeded: false}: what was recorded. Revision 3 describes
 * the items' drugs as the catalogue did ({@code drugs}); older revisions are read with null, "not recorded"
 * (docs/architecture.md, "Reference data"). Stored events are never
 * rewritten; this runs whenever one is read.
 */
public final class RecordItemsUpcaster extends RevisionUpcaster {

    private RecordItemsUpcaster(Class<?> event) {
        super(event, "3", "1", "2");
    }

    public static RecordItemsUpcaster ofRegistrations() {
        return new RecordItemsUpcaster(DispensingRegistered.class);
    }

    public static RecordItemsUpcaster ofCorrections() {
        return new RecordItemsUpcaster(DispensingRecordCorrected.class);
    }

    @Override
    protected JsonNode upcast(JsonNode payload, String revision) {
        if (payload instanceof ObjectNode event) {
            event.putNull("drugs");
        }
        payload.path("items").forEach(item -> {
            if (item instanceof ObjectNode object && !object.has("asNeeded")) {
                object.put("asNeeded", false);
            }
        });
        return payload;
    }
}

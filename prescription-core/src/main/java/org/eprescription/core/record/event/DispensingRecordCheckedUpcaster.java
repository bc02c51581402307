package org.eprescription.core.record.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eprescription.core.prescription.event.RevisionUpcaster;

/**
 * Reads a stored {@link DispensingRecordChecked} of revision 1 as revision 2: revision 1 named no drug code it could
 * not compare, so it is read with an empty {@code unknownDrugCodes}, which is what it recorded. Stored events are
 * never rewritten; this runs whenever one is read.
 */
public class DispensingRecordCheckedUpcaster extends RevisionUpcaster {

    public DispensingRecordCheckedUpcaster() {
        super(DispensingRecordChecked.class, "2", "1");
    }

    @Override
    protected JsonNode upcast(JsonNode payload, String revision) {
        if (payload instanceof ObjectNode event && !event.has("unknownDrugCodes")) {
            event.putArray("unknownDrugCodes");
        }
        return payload;
    }
}

package org.eprescription.core.prescription.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a stored {@link InteractionCheckCompleted} of revision 1 or 2 as revision 3. Revision 1 predates registered
 * dispensing records: every conflict it holds is a prescription's course, which later revisions write the same way
 * (their {@code dispensingRecordId} and {@code registeredBy} are absent, read as null). Revision 3 names the drug codes
 * the check could not compare; the earlier revisions named none, so they are read with an empty list, which is what
 * they recorded (the answer then said the check was complete). Stored events are never rewritten; this runs whenever
 * one is read.
 */
public class InteractionCheckCompletedUpcaster extends RevisionUpcaster {

    public InteractionCheckCompletedUpcaster() {
        super(InteractionCheckCompleted.class, "3", "1", "2");
    }

    @Override
    protected JsonNode upcast(JsonNode payload, String revision) {
        if (payload instanceof ObjectNode event && !event.has("unknownDrugCodes")) {
            event.putArray("unknownDrugCodes");
        }
        return payload;
    }
}

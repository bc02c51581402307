package org.eprescription.core.prescription.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a stored {@link DispensingCorrected} of revision 1 as revision 2. Revision 1 did not judge a substitute by its
 * own limits nor record them: {@code substitutes} is read as null, not recorded (an empty list would say the
 * correction hands out no substitute). Stored events are never rewritten; this runs whenever one is read.
 */
public class DispensingCorrectedUpcaster extends RevisionUpcaster {

    public DispensingCorrectedUpcaster() {
        super(DispensingCorrected.class, "2", "1");
    }

    @Override
    protected JsonNode upcast(JsonNode payload, String revision) {
        if (payload instanceof ObjectNode event && !event.has("substitutes")) {
            event.putNull("substitutes");
        }
        return payload;
    }
}

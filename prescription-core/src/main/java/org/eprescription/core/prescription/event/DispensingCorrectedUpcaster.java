package org.eprescription.core.prescription.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a stored {@link DispensingCorrected} of revision 1 or 2 as revision 3. Revision 1 did not judge a substitute
 * by its own limits nor record them: {@code substitutes} is read as null, not recorded (an empty list would say the
 * correction hands out no substitute). Revisions 1 and 2 did not record how the catalogue described the corrected
 * items' drugs: {@code drugs} is null, "not recorded" (docs/architecture.md, "Reference data"). Stored events are never rewritten; this runs whenever one is read.
 */
public class DispensingCorrectedUpcaster extends RevisionUpcaster {

    public DispensingCorrectedUpcaster() {
        super(DispensingCorrected.class, "3", "1", "2");
    }

    @Override
    protected JsonNode upcast(JsonNode payload, String revision) {
        if (payload instanceof ObjectNode event) {
            if (!event.has("substitutes")) {
                event.putNull("substitutes");
            }
            event.putNull("drugs");
        }
        return payload;
    }
}

package org.eprescription.core.prescription.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a stored {@link DispensingCorrected} of revision 1, 2 or 3 as revision 4. Revision 1 did not judge a substitute
 * by its own limits nor record them: {@code substitutes} is read as null, not recorded (an empty list would say the
 * correction hands out no substitute). Revisions 1 and 2 did not record how the catalogue described the corrected
 * items' drugs: {@code drugs} is null, "not recorded" (docs/architecture.md, "Reference data"). Revisions 1 to 3 did not record the most days a
 * course of the corrected items may run: {@code courseDays} is null, not recorded (docs/alerts.md, "After alerts were
 * switched off"). Stored events are never rewritten; this runs whenever one is read.
 */
public class DispensingCorrectedUpcaster extends RevisionUpcaster {

    public DispensingCorrectedUpcaster() {
        super(DispensingCorrected.class, "4", "1", "2", "3");
    }

    @Override
    protected JsonNode upcast(JsonNode payload, String revision) {
        if (payload instanceof ObjectNode event) {
            nullIfAbsent(event, "substitutes");
            if (!"3".equals(revision)) {
                event.putNull("drugs");
            }
            event.putNull("courseDays");
        }
        return payload;
    }
}

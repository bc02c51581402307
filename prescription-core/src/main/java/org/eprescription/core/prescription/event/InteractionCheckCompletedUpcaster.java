package org.eprescription.core.prescription.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a stored {@link InteractionCheckCompleted} of revision 1 to 4 as revision 5. Revision 1 predates registered
 * dispensing records: every conflict it holds is a prescription's course, which later revisions write the same way
 * (their {@code dispensingRecordId} and {@code registeredBy} are absent, read as null). Revision 3 names the drug codes
 * the check could not compare; the earlier revisions named none, so they are read with an empty list, which is what
 * they recorded (the answer then said the check was complete). Revision 4 names the prescriptions and records whose
 * courses no check had recorded ({@code unchecked}); the earlier revisions could not know of them and are read with
 * none, which is what they said. Revision 5 describes the drugs of its courses ({@code drugs}); the earlier revisions
 * are read with null, "not recorded" (docs/architecture.md, "Reference data"). Stored events are never rewritten; this runs whenever one is read.
 */
public class InteractionCheckCompletedUpcaster extends RevisionUpcaster {

    public InteractionCheckCompletedUpcaster() {
        super(InteractionCheckCompleted.class, "5", "1", "2", "3", "4");
    }

    @Override
    protected JsonNode upcast(JsonNode payload, String revision) {
        if (payload instanceof ObjectNode event) {
            CheckUpcasting.addWhatOlderRevisionsLacked(event);
        }
        return payload;
    }
}

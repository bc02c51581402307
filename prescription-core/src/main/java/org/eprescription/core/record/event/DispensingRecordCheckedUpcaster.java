package org.eprescription.core.record.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eprescription.core.prescription.event.RevisionUpcaster;
import org.eprescription.core.prescription.event.CheckUpcasting;

/**
 * Reads a stored {@link DispensingRecordChecked} of revision 1, 2 or 3 as revision 4: revision 1 named no drug code it
 * could not compare, so it is read with an empty {@code unknownDrugCodes}, which is what it recorded; revisions 1 and
 * 2 could not know of courses moved without a check, so they are read with an empty {@code unchecked}; revisions 1 to
 * 3 did not describe the drugs of their courses, so they are read with {@code drugs} null, "not recorded"
 * (docs/architecture.md, "Reference data"). Stored events
 * are never rewritten; this runs whenever one is read.
 */
public class DispensingRecordCheckedUpcaster extends RevisionUpcaster {

    public DispensingRecordCheckedUpcaster() {
        super(DispensingRecordChecked.class, "4", "1", "2", "3");
    }

    @Override
    protected JsonNode upcast(JsonNode payload, String revision) {
        if (payload instanceof ObjectNode event) {
            CheckUpcasting.addWhatOlderRevisionsLacked(event);
        }
        return payload;
    }
}

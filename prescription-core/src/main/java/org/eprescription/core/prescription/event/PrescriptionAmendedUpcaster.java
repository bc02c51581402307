package org.eprescription.core.prescription.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a stored {@link PrescriptionAmended} of revision 1 as revision 2. Revision 1 did not record how the catalogue
 * described the lines' drugs: {@code drugs} is null, "not recorded", and a view names them by the catalogue it runs
 * with (docs/architecture.md, "Reference data"). Stored events are never rewritten; this runs whenever one is read.
 */
public class PrescriptionAmendedUpcaster extends RevisionUpcaster {

    public PrescriptionAmendedUpcaster() {
        super(PrescriptionAmended.class, "2", "1");
    }

    @Override
    protected JsonNode upcast(JsonNode payload, String revision) {
        if (payload instanceof ObjectNode event) {
            event.putNull("drugs");
        }
        return payload;
    }
}

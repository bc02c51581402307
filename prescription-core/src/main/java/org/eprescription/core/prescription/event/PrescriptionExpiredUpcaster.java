package org.eprescription.core.prescription.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a stored {@link PrescriptionExpired} of revision 1 as revision 2. Revision 1 recorded only the instant: the day
 * it was decided on and the deadline that had passed are read as null (not recorded), never worked out again from the
 * instant in whatever zone the exchange runs in now. Stored events are never rewritten.
 */
public class PrescriptionExpiredUpcaster extends RevisionUpcaster {

    public PrescriptionExpiredUpcaster() {
        super(PrescriptionExpired.class, "2", "1");
    }

    @Override
    protected JsonNode upcast(JsonNode payload, String revision) {
        ObjectNode event = (ObjectNode) payload;
        event.putNull("expiredOn");
        event.putNull("deadline");
        return event;
    }
}

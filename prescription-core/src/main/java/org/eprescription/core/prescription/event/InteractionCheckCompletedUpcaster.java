package org.eprescription.core.prescription.event;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a stored {@link InteractionCheckCompleted} of revision 1 as revision 2. Revision 1 predates registered
 * dispensing records: every conflict it holds is a prescription's course, which revision 2 writes the same way (its
 * {@code dispensingRecordId} and {@code registeredBy} are absent, read as null). So only the revision changes. Stored
 * events are never rewritten; this runs whenever one is read.
 */
public class InteractionCheckCompletedUpcaster extends RevisionUpcaster {

    public InteractionCheckCompletedUpcaster() {
        super(InteractionCheckCompleted.class, "2", "1");
    }

    @Override
    protected JsonNode upcast(JsonNode payload, String revision) {
        return payload;
    }
}

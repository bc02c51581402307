package org.eprescription.core.prescription.event;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads a stored {@link InteractionCheckCompleted} of revision 1 as revision 2. Revision 1 predates registered
 * dispensing records: every conflict it holds is a prescription's course, which revision 2 writes the same way (its
 * {@code dispensingRecordId} and {@code registeredBy} are absent, read as null). So only the revision changes. Stored
 * events are never rewritten; this runs whenever one is read.
 */
public class InteractionCheckCompletedUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(InteractionCheckCompleted.class.getName(), "1");
    private static final SimpleSerializedType REVISION_2 =
            new SimpleSerializedType(InteractionCheckCompleted.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> payload);
    }
}

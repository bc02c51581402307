package org.eprescription.core.prescription.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.eprescription.core.code.ExchangeCodes;

/**
 * Reads a stored {@link PrescriptionIssued} of revision 1 as revision 2: revision 1 predates key ids, and every code
 * of that time was derived with the first key, so {@code exchangeCodeKeyId} becomes {@link ExchangeCodes#FIRST_KEY_ID}.
 * Stored events are never rewritten; this runs whenever one is read.
 */
public class PrescriptionIssuedUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(PrescriptionIssued.class.getName(), "1");
    private static final SimpleSerializedType REVISION_2 =
            new SimpleSerializedType(PrescriptionIssued.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ((ObjectNode) payload).put("exchangeCodeKeyId", ExchangeCodes.FIRST_KEY_ID);
            return payload;
        });
    }
}

package org.eprescription.core.prescription.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.eprescription.core.code.ExchangeCodes;

/**
 * Reads a stored {@link PrescriptionIssued} of an older revision as the current one (3). Revision 1 predates key ids,
 * and every code of that time was derived with the first key, so {@code exchangeCodeKeyId} becomes
 * {@link ExchangeCodes#FIRST_KEY_ID}; revisions 1 and 2 predate derivation attempts, and every code of that time was
 * the first derivation, so {@code exchangeCodeAttempt} becomes 0. Stored events are never rewritten; this runs
 * whenever one is read.
 */
public class PrescriptionIssuedUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(PrescriptionIssued.class.getName(), "1");
    private static final SimpleSerializedType REVISION_2 =
            new SimpleSerializedType(PrescriptionIssued.class.getName(), "2");
    private static final SimpleSerializedType REVISION_3 =
            new SimpleSerializedType(PrescriptionIssued.class.getName(), "3");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType()) || REVISION_2.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        boolean revision1 = REVISION_1.equals(representation.getType());
        return representation.upcastPayload(REVISION_3, JsonNode.class, payload -> {
            ObjectNode event = (ObjectNode) payload;
            if (revision1) {
                event.put("exchangeCodeKeyId", ExchangeCodes.FIRST_KEY_ID);
            }
            event.put("exchangeCodeAttempt", 0);
            return event;
        });
    }
}

package org.eprescription.core.prescription.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a stored event of one of its older revisions as its current revision, by changing its JSON payload. Stored
 * events are never rewritten; an upcaster runs whenever one is read.
 */
public abstract class RevisionUpcaster extends SingleEventUpcaster {

    private final Set<SimpleSerializedType> older;
    private final SimpleSerializedType current;

    protected RevisionUpcaster(Class<?> event, String currentRevision, String... olderRevisions) {
        this.older = Arrays.stream(olderRevisions)
                .map(revision -> new SimpleSerializedType(event.getName(), revision))
                .collect(Collectors.toUnmodifiableSet());
        this.current = new SimpleSerializedType(event.getName(), currentRevision);
    }

    /** The payload of the stored {@code revision} as the current revision has it. */
    protected abstract JsonNode upcast(JsonNode payload, String revision);

    /** Reads a field the stored revision may not hold as null, "not recorded"; one it holds stays as stored. */
    protected static void nullIfAbsent(ObjectNode event, String field) {
        if (!event.has(field)) {
            event.putNull(field);
        }
    }

    @Override
    protected final boolean canUpcast(IntermediateEventRepresentation representation) {
        return older.contains(representation.getType());
    }

    @Override
    protected final IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String revision = representation.getType().getRevision();
        return representation.upcastPayload(current, JsonNode.class, payload -> upcast(payload, revision));
    }
}

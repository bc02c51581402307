package org.eprescription.core.prescription;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;

/**
 * Events as older revisions stored them, read back through the upcasters as the event store reads them: the frozen
 * payloads under the test resources' {@code frozen-events/}, and the serializer the stored bytes are read with.
 */
public final class StoredRevisions {

    /** The prescription the frozen events belong to. */
    public static final String AGGREGATE_ID = "8d5c0f3e-6c1a-4f7e-9a57-3f0c2b9b1e11";

    public static final JacksonSerializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
            .build();

    private StoredRevisions() {
    }

    /** The bytes of a frozen payload or metadata file. */
    public static byte[] frozen(String name) throws IOException {
        try (InputStream in = StoredRevisions.class.getResourceAsStream("/frozen-events/" + name)) {
            return in.readAllBytes();
        }
    }

    /** The stored entry, upcast through the chain of {@code upcasters} and deserialized. */
    public static DomainEventMessage<?> upcastAndRead(GenericDomainEventEntry<byte[]> stored, EventUpcaster... upcasters) {
        return EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(stored), SERIALIZER,
                new EventUpcasterChain(upcasters)).next();
    }
}

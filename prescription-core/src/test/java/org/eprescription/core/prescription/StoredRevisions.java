package org.eprescription.core.prescription;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

    /** As the exchange's store writes events: ISO dates, exact decimals. */
    public static final ObjectMapper STORE_JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private StoredRevisions() {
    }

    /**
     * A prescription's event as the store kept it: its frozen payload ({@link #frozenRevision}), stored for patient
     * PAT-0001.
     */
    public static GenericDomainEventEntry<byte[]> storedPrescriptionEvent(long sequence, String eventId,
            String timestamp, Class<?> type, String revision) throws IOException {
        return storedEvent("Prescription", AGGREGATE_ID, sequence, eventId, timestamp, type, revision);
    }

    /** An aggregate's event as the store kept it: its frozen payload ({@link #frozenRevision}), for PAT-0001. */
    public static GenericDomainEventEntry<byte[]> storedEvent(String aggregateType, String aggregateId, long sequence,
            String eventId, String timestamp, Class<?> type, String revision) throws IOException {
        return new GenericDomainEventEntry<>(aggregateType, aggregateId, sequence, eventId, timestamp, type.getName(),
                revision, frozenRevision(type, revision),
                "{\"patientId\":\"PAT-0001\"}".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The event of {@code type} stored as {@code revision} ({@code <Type>-revision-<n>.json}), for the tests that read
     * every such event alike.
     */
    public static GenericDomainEventEntry<byte[]> storedRevision(Class<?> type, String revision, String eventId)
            throws IOException {
        return new GenericDomainEventEntry<>(type.getSimpleName(), AGGREGATE_ID, 0, eventId, "2025-04-01T09:15:30Z",
                type.getName(), revision, frozenRevision(type, revision),
                "{\"patientId\":\"patient-1\"}".getBytes(StandardCharsets.UTF_8));
    }

    /** The frozen payload of the event of {@code type} stored as {@code revision}. */
    public static byte[] frozenRevision(Class<?> type, String revision) throws IOException {
        return frozen(type.getSimpleName() + "-revision-" + revision + ".json");
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

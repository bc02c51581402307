package org.eprescription.api.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eprescription.api.eventlog.StoredEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes stored events as pseudonymized NDJSON, one line {@code {globalIndex, prescriptionId, sequence, type,
 * timestamp, payload}} each, where {@code prescriptionId} is the prescription's pseudonym (null for consent events)
 * and {@code payload} only what {@link SecondaryUseFields} lets out. Metadata (who acted) is not exported.
 */
final class SecondaryUseLineWriter implements AutoCloseable {

    private final ObjectMapper json;
    private final Pseudonyms pseudonyms;
    private final JsonGenerator out;

    SecondaryUseLineWriter(ObjectMapper json, Pseudonyms pseudonyms, OutputStream stream) throws IOException {
        this.json = json;
        this.pseudonyms = pseudonyms;
        this.out = json.getFactory().createGenerator(stream);
        this.out.setRootValueSeparator(null);
        this.out.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    void write(StoredEvent event) {
        try {
            JsonNode payload = json.readTree(event.payload());
            Optional<ObjectNode> exported = SecondaryUseFields.of(event.type(), payload, pseudonyms);
            if (exported.isEmpty()) {
                return;
            }
            out.writeStartObject();
            out.writeNumberField("globalIndex", event.globalIndex());
            JsonNode prescription = exported.get().get("prescriptionId");
            out.writeStringField("prescriptionId", prescription == null ? null : prescription.asText());
            out.writeNumberField("sequence", event.sequence());
            out.writeStringField("type", event.type());
            out.writeStringField("timestamp", Instant.parse(event.timestamp()).toString());
            out.writeFieldName("payload");
            json.writeTree(out, exported.get());
            out.writeEndObject();
            out.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

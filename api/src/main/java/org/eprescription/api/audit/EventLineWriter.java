package org.eprescription.api.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eprescription.api.eventlog.StoredEvent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes stored events as NDJSON, one line {@code {globalIndex, prescriptionId, sequence, type, timestamp, payload,
 * metadata}} each. Payload and metadata are already JSON, so their bytes are copied into the line as they are.
 */
final class EventLineWriter implements AutoCloseable {

    private final JsonGenerator out;

    EventLineWriter(ObjectMapper json, OutputStream stream) throws IOException {
        this.out = json.getFactory().createGenerator(stream);
        this.out.setRootValueSeparator(null);
        this.out.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    void write(StoredEvent event) {
        try {
            out.writeStartObject();
            out.writeNumberField("globalIndex", event.globalIndex());
            out.writeStringField("prescriptionId", event.aggregateId());
            out.writeNumberField("sequence", event.sequence());
            out.writeStringField("type", event.type());
            out.writeStringField("timestamp", Instant.parse(event.timestamp()).toString());
            out.writeFieldName("payload");
            out.writeRawValue(new String(event.payload(), StandardCharsets.UTF_8));
            out.writeFieldName("metadata");
            if (event.metadata() == null) {
                out.writeNull();
            } else {
                out.writeRawValue(new String(event.metadata(), StandardCharsets.UTF_8));
            }
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

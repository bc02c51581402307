package org.eprescription.api.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eprescription.api.eventlog.StoredEvent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Stored events as NDJSON on a stream the caller keeps open: one object a line, opening with
 * {@code {globalIndex, prescriptionId, sequence, type, revision, timestamp}}, followed by the fields an export adds.
 * {@code revision} is that of the payload's shape as the line gives it (an export from the table copies the stored
 * bytes, so an event stored under an older revision says so), null where none was recorded.
 */
final class EventLines implements AutoCloseable {

    /** The fields an export writes after the event's own. */
    @FunctionalInterface
    interface MoreFields {
        void write(JsonGenerator out) throws IOException;
    }

    private final JsonGenerator out;

    EventLines(ObjectMapper json, OutputStream stream) throws IOException {
        this.out = json.getFactory().createGenerator(stream);
        this.out.setRootValueSeparator(null);
        this.out.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    void write(StoredEvent event, String prescriptionId, MoreFields more) {
        try {
            out.writeStartObject();
            out.writeNumberField("globalIndex", event.globalIndex());
            out.writeStringField("prescriptionId", prescriptionId);
            out.writeNumberField("sequence", event.sequence());
            out.writeStringField("type", event.type());
            out.writeStringField("revision", event.revision());
            out.writeStringField("timestamp", Instant.parse(event.timestamp()).toString());
            more.write(out);
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

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
 *
 * <p>A complete export ends with one more line, {@code {"complete":true,"events":N}}, N the number of event lines
 * before it: a file without it was cut short, whatever the transport said (docs/operations.md, "Audit").
 *
 * <p>An export's writer says what its lines hold ({@link #write(StoredEvent)}, through {@link #writeLine}).
 */
abstract class EventLines implements EventExports.Lines {

    /** The fields an export writes after the event's own. */
    @FunctionalInterface
    interface MoreFields {
        void write(JsonGenerator out) throws IOException;
    }

    private final OutputStream stream;
    private final JsonGenerator out;
    private long written;

    protected EventLines(ObjectMapper json, OutputStream stream) throws IOException {
        this.stream = stream;
        this.out = json.getFactory().createGenerator(stream);
        this.out.setRootValueSeparator(null);
        this.out.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        // the mapper flushes after each tree it writes: the stream sends only when its buffer is full, so that a
        // failure before then can still be answered as a problem instead of a cut-off answer
        this.out.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
    }

    /** Writes the line of {@code event}, naming {@code prescriptionId}, with the fields {@code more} adds. */
    protected final void writeLine(StoredEvent event, String prescriptionId, MoreFields more) {
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
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public final long written() {
        return written;
    }

    /** The last line, saying the export is complete and how many event lines it has; then all is sent. */
    @Override
    public final void complete() throws IOException {
        out.writeStartObject();
        out.writeBooleanField("complete", true);
        out.writeNumberField("events", written);
        out.writeEndObject();
        out.writeRaw('\n');
        out.close();
        stream.flush();
    }
}

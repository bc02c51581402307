package org.eprescription.api.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eprescription.api.eventlog.StoredEvent;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes stored events as NDJSON, one line {@code {globalIndex, prescriptionId, sequence, type, timestamp, payload,
 * metadata}} each. Payload and metadata are already JSON, so their bytes are copied into the line as they are.
 */
final class EventLineWriter extends EventLines {

    EventLineWriter(ObjectMapper json, OutputStream stream) throws IOException {
        super(json, stream);
    }

    @Override
    public void write(StoredEvent event) {
        writeLine(event, event.aggregateId(), out -> {
            out.writeFieldName("payload");
            out.writeRawValue(new String(event.payload(), StandardCharsets.UTF_8));
            out.writeFieldName("metadata");
            if (event.metadata() == null) {
                out.writeNull();
            } else {
                out.writeRawValue(new String(event.metadata(), StandardCharsets.UTF_8));
            }
        });
    }
}

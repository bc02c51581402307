package org.eprescription.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eprescription.api.eventlog.StoredEvent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Writes stored events as pseudonymized NDJSON, one line {@code {globalIndex, prescriptionId, sequence, type,
 * timestamp, payload}} each, where {@code prescriptionId} is the prescription's pseudonym (null for consent events)
 * and {@code payload} only what {@link SecondaryUseFields} lets out. Metadata (who acted) is not exported.
 */
final class SecondaryUseLineWriter extends EventLines {

    private final ObjectMapper json;
    private final Pseudonyms pseudonyms;

    SecondaryUseLineWriter(ObjectMapper json, Pseudonyms pseudonyms, OutputStream stream) throws IOException {
        super(json, stream);
        this.json = json;
        this.pseudonyms = pseudonyms;
    }

    @Override
    public void write(StoredEvent event) {
        Optional<ObjectNode> exported = SecondaryUseFields.of(event.type(), readPayload(event), pseudonyms);
        if (exported.isEmpty()) {
            return;
        }
        JsonNode prescription = exported.get().get("prescriptionId");
        writeLine(event, prescription == null ? null : prescription.asText(), out -> {
            out.writeFieldName("payload");
            json.writeTree(out, exported.get());
        });
    }

    private JsonNode readPayload(StoredEvent event) {
        try {
            return json.readTree(event.payload());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.eprescription.api.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.eventlog.EventFilter;
import org.eprescription.api.eventlog.EventLog;
import org.eprescription.api.eventlog.StoredEvent;
import org.eprescription.api.privacy.BulkReadLog;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Streams the stored events a filter admits ({@link EventLog}) to an export's client as NDJSON, each written by the
 * export's own lines, for as long as the store is big ({@link UnboundedExportTimeout}).
 */
@Component
@RequiredArgsConstructor
class EventExports {

    static final String NDJSON_VALUE = "application/x-ndjson";
    static final MediaType NDJSON = MediaType.parseMediaType(NDJSON_VALUE);

    /** How an export writes each event it is handed, one line each, on the response's stream. */
    interface Lines {

        void write(StoredEvent event);

        /** Ends the export with its last line ({@link EventLines#complete}) and sends what is held back. */
        void complete() throws IOException;

        /** How many event lines were written so far. */
        long written();
    }

    /** Opens an export's {@link Lines} on the response's stream. */
    @FunctionalInterface
    interface LinesOpener {
        Lines open(ObjectMapper json, OutputStream stream) throws IOException;
    }

    private final EventLog events;
    private final ObjectMapper json;
    private final BulkReadLog bulkReads;

    /**
     * The export's answer, recorded in the bulk read log before anything is read ({@code what} says which export)
     * and completed there with its number of lines and whether it ended complete.
     */
    ResponseEntity<StreamingResponseBody> stream(String what, EventFilter filter, HttpServletRequest request,
                                                 LinesOpener lines) {
        UnboundedExportTimeout.markUnbounded(request);
        long read = bulkReads.started(what, filter.from(), filter.to(), filter.type());
        StreamingResponseBody body = stream -> {
            Lines writer = lines.open(json, stream);
            try {
                // on a failure the writer is not closed: what it holds back is never sent, and the failure is
                // answered as a problem if nothing was sent yet, else by cutting the connection off
                // (docs/operations.md, "Audit")
                events.forEach(filter, writer::write);
                writer.complete();
            } catch (IOException | RuntimeException | Error e) {
                bulkReads.ended(read, writer.written(), BulkReadLog.Outcome.FAILED);
                throw e;
            }
            bulkReads.ended(read, writer.written(), BulkReadLog.Outcome.COMPLETE);
        };
        return ResponseEntity.ok().contentType(NDJSON).body(body);
    }
}

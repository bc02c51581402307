package org.eprescription.api.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.eventlog.EventFilter;
import org.eprescription.api.eventlog.EventLog;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.time.Instant;

/** Every stored event in global order, streamed as NDJSON from the event store ({@link EventLog}). */
@Tag(name = "audit")
@RestController
@RequestMapping("/api/v1/audit")
@RequiredArgsConstructor
public class EventExportController {

    private final EventExports exports;

    @Operation(operationId = "exportEvents", summary = "Export all events",
            description = "For auditors: every stored event in global order, one JSON object per line, optionally from "
                    + "and to an instant and of one type.")
    @NdjsonAnswer("The events, one JSON object per line")
    @GetMapping("/events")
    public ResponseEntity<StreamingResponseBody> events(@RequestParam(required = false) Instant from,
                                                        @RequestParam(required = false) Instant to,
                                                        @RequestParam(required = false) String type,
                                                        HttpServletRequest request) {
        return exports.stream(new EventFilter(from, to, type), request, EventLineWriter::new);
    }
}

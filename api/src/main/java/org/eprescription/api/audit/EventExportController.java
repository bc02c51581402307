package org.eprescription.api.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.config.ExchangeProperties;
import org.eprescription.api.eventlog.EventFilter;
import org.eprescription.api.eventlog.EventLog;
import org.eprescription.api.openapi.ProblemAnswers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.time.Instant;

/**
 * The event exports, streamed as NDJSON from the event store ({@link EventLog}): every stored event in global order,
 * and the same pseudonymized for secondary use (research, statistics).
 */
@Tag(name = "audit")
@RestController
@RequestMapping("/api/v1/audit")
@RequiredArgsConstructor
public class EventExportController {

    private final EventExports exports;
    private final ExchangeProperties properties;

    @Operation(operationId = "exportEvents", summary = "Export all events",
            description = "For auditors: every stored event in global order, one JSON object per line, optionally from "
                    + "and to an instant and of one type.")
    @NdjsonAnswer("The events, one JSON object per line")
    @GetMapping("/events")
    public ResponseEntity<StreamingResponseBody> events(@RequestParam(required = false) Instant from,
                                                        @RequestParam(required = false) Instant to,
                                                        @RequestParam(required = false) String type,
                                                        HttpServletRequest request) {
        return exports.stream("events", new EventFilter(from, to, type), request, EventLineWriter::new);
    }

    @Operation(operationId = "exportPseudonymized", summary = "Export pseudonymized events for secondary use",
            description = "For auditors: the events with patients and people pseudonymized, one JSON object per line; "
                    + "503 unless a pseudonym key is configured.")
    @NdjsonAnswer("The pseudonymized events, one JSON object per line")
    @ProblemAnswers(problems = "503 export-not-configured")
    @GetMapping("/export")
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) Instant from,
                                                        @RequestParam(required = false) Instant to,
                                                        HttpServletRequest request) {
        Pseudonyms pseudonyms = pseudonyms();
        return exports.stream("pseudonymized events", new EventFilter(from, to, null), request,
                (json, stream) -> new SecondaryUseLineWriter(json, pseudonyms, stream));
    }

    /** The configured key's pseudonyms; without a key the export is refused (503). */
    private Pseudonyms pseudonyms() {
        String key = properties.export() == null ? null : properties.export().pseudonymKey();
        if (key == null || key.isBlank()) {
            throw new ExportNotConfiguredException();
        }
        return new Pseudonyms(key);
    }
}

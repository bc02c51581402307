package org.eprescription.api.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.eprescription.api.openapi.ProblemAnswers;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.eprescription.api.eventlog.EventFilter;
import org.eprescription.api.eventlog.EventLog;
import org.eprescription.api.config.ExchangeProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.time.Instant;

/** Stored events pseudonymized for secondary use (research, statistics), streamed as NDJSON. */
@Tag(name = "audit")
@RestController
@RequestMapping("/api/v1/audit")
public class SecondaryUseExportController {

    private final EventLog events;
    private final ObjectMapper json;
    private final String pseudonymKey;

    public SecondaryUseExportController(EventLog events, ObjectMapper json, ExchangeProperties properties) {
        this.events = events;
        this.json = json;
        this.pseudonymKey = properties.export() == null ? null : properties.export().pseudonymKey();
    }

    @Operation(operationId = "exportPseudonymized", summary = "Export pseudonymized events for secondary use",
            description = "For auditors: the events with patients and people pseudonymized, one JSON object per line; "
                    + "503 unless a pseudonym key is configured.")
    @ApiResponse(responseCode = "200", description = "The pseudonymized events, one JSON object per line",
            content = @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string")))
    @ProblemAnswers(problems = "503 export-not-configured")
    @GetMapping("/export")
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) Instant from,
                                                        @RequestParam(required = false) Instant to,
                                                        HttpServletRequest request) {
        if (pseudonymKey == null || pseudonymKey.isBlank()) {
            throw new ExportNotConfiguredException();
        }
        Pseudonyms pseudonyms = new Pseudonyms(pseudonymKey);
        EventFilter filter = new EventFilter(from, to, null);
        UnboundedExportTimeout.markUnbounded(request);
        StreamingResponseBody body = stream -> {
            try (SecondaryUseLineWriter lines = new SecondaryUseLineWriter(json, pseudonyms, stream)) {
                events.forEach(filter, lines::write);
            }
        };
        return ResponseEntity.ok().contentType(EventExportController.NDJSON).body(body);
    }
}

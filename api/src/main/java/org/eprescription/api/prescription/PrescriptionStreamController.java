package org.eprescription.api.prescription;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.openapi.ProblemAnswers;
import org.eprescription.core.ids.PrescriptionId;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.UUID;

/** One prescription's view, live: {@code snapshot} and {@code change} carry the body of {@code GET /prescriptions/{id}}. */
@Tag(name = "prescriptions")
@RestController
@RequiredArgsConstructor
public class PrescriptionStreamController {

    private final PrescriptionStreams streams;

    @Operation(operationId = "streamPrescription", summary = "Follow a prescription live",
            description = "Server-Sent Events for whoever may read the prescription: a snapshot, then a change with "
                    + "the body of GET /prescriptions/{id} whenever it changes (docs/http-api.md, \"Live streams\").")
    @ProblemAnswers(problems = "404 not-found")
    @GetMapping(path = "/api/v1/prescriptions/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@PathVariable UUID id) {
        return streams.prescription(new PrescriptionId(id));
    }
}

package org.eprescription.api.prescription;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.openapi.ProblemAnswers;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.api.stream.LiveStreams;
import org.eprescription.api.stream.SharedRenderings;
import org.eprescription.api.stream.StreamFormat;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.prescription.FindPrescription;
import org.eprescription.query.prescription.PrescriptionView;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.Optional;
import java.util.UUID;

/** One prescription's view, live: {@code snapshot} and {@code change} carry the body of {@code GET /prescriptions/{id}}. */
@Tag(name = "prescriptions")
@RestController
@RequiredArgsConstructor
public class PrescriptionStreamController {

    private final PrescriptionViews views;
    private final PrescriptionResponses responses;
    private final LiveStreams streams;
    private final ResourceAccess access;
    private final AccessLog accessLog;
    private final SharedRenderings renderings;

    @Operation(operationId = "streamPrescription", summary = "Follow a prescription live",
            description = "Server-Sent Events for whoever may read the prescription: a snapshot, then a change with "
                    + "the body of GET /prescriptions/{id} whenever it changes (docs/http-api.md, \"Live streams\").")
    @ProblemAnswers(problems = "404 not-found")
    @GetMapping(path = "/api/v1/prescriptions/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@PathVariable UUID id) {
        PrescriptionId prescriptionId = new PrescriptionId(id);
        PrescriptionView readable = access.readablePrescription(prescriptionId);
        accessLog.read(readable.patient().id(), "live stream of prescription " + prescriptionId);
        return streams.open(new FindPrescription(prescriptionId),
                ResponseTypes.optionalInstanceOf(PrescriptionView.class), new StreamFormat<>() {
                    @Override
                    public Object snapshot(Optional<PrescriptionView> initial) {
                        return initial.map(responses::current).orElse(null);
                    }

                    @Override
                    public long snapshotPosition(Optional<PrescriptionView> initial) {
                        return initial.map(PrescriptionView::lastPosition).orElse(-1L);
                    }

                    @Override
                    public Object change(PrescriptionView view) {
                        return renderings.of("all-alerts", view, responses::current);
                    }
                });
    }
}

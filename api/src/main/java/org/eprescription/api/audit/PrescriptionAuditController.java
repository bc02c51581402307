package org.eprescription.api.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.openapi.ProblemAnswers;
import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.core.ids.PatientId;
import org.eprescription.query.prescription.PrescriptionView;
import org.eprescription.api.prescription.PrescriptionResponse;
import org.eprescription.core.ids.PrescriptionId;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The auditor's view of one prescription: what happened to it, and how it stood at a given instant. */
@Tag(name = "audit")
@RestController
@RequestMapping("/api/v1/audit/prescriptions/{id}")
@RequiredArgsConstructor
public class PrescriptionAuditController {

    private final PrescriptionHistory history;
    private final AccessLog accessLog;

    @Operation(operationId = "getPrescriptionEvents", summary = "Read a prescription's events",
            description = "For auditors: every event with sequence, type, timestamp, payload and metadata.")
    @ProblemAnswers(problems = "404 not-found")
    @GetMapping("/events")
    public List<AuditedEvent> events(@PathVariable UUID id) {
        List<AuditedEvent> events = history.events(new PrescriptionId(id));
        events.stream().map(event -> event.metadata().get(PrescriptionEvent.PATIENT_ID_METADATA))
                .filter(java.util.Objects::nonNull).findFirst()
                .ifPresent(patient -> accessLog.read(PatientId.of(patient.toString()), "history of prescription " + id));
        return events;
    }

    /** The same shape as {@code GET /prescriptions/{id}}, without alerts (they are a view of their own). */
    @Operation(operationId = "getPrescriptionAsOf", summary = "Read a prescription as it stood at an instant",
            description = "For auditors: the prescription view (without alerts) as of asOf; 404 before its first "
                    + "event.")
    @ProblemAnswers(problems = "404 not-found")
    @GetMapping("/state")
    public PrescriptionResponse state(@PathVariable UUID id, @RequestParam Instant asOf) {
        PrescriptionView state = history.stateAsOf(new PrescriptionId(id), asOf);
        accessLog.read(state.patient().id(), "state of prescription " + id + " as of " + asOf);
        return PrescriptionResponse.of(state, null);
    }
}

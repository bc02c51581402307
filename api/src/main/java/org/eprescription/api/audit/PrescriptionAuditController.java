package org.eprescription.api.audit;

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
@RestController
@RequestMapping("/api/v1/audit/prescriptions/{id}")
public class PrescriptionAuditController {

    private final PrescriptionHistory history;

    public PrescriptionAuditController(PrescriptionHistory history) {
        this.history = history;
    }

    @GetMapping("/events")
    public List<AuditedEvent> events(@PathVariable UUID id) {
        return history.events(new PrescriptionId(id));
    }

    /** The same shape as {@code GET /prescriptions/{id}}, without alerts (they are a view of their own). */
    @GetMapping("/state")
    public PrescriptionResponse state(@PathVariable UUID id, @RequestParam Instant asOf) {
        return PrescriptionResponse.of(history.stateAsOf(new PrescriptionId(id), asOf), null);
    }
}

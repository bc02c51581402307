package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.privacy.AccessLogReads;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /fhir/AuditEvent?patient=}: the patient's access log as {@code GET /api/v1/patients/{id}/access-log}
 * reads it ({@link AccessLogReads}: the patient and auditors, the read itself in the log), newest first, one
 * AuditEvent per entry in a searchset Bundle.
 */
@RestController
@RequestMapping(FhirPaths.BASE)
@RequiredArgsConstructor
class AuditEventSearchController {

    private final Searchsets searchsets;
    private final AuditEventMapper events;
    private final AccessLogReads reads;

    @GetMapping(FhirPaths.AUDIT_EVENT)
    ResponseEntity<byte[]> search(HttpServletRequest request) {
        return searchsets.byPatientPartly(request, "AuditEvent", patient -> {
            AccessLogReads.Page page = reads.readable(patient);
            return new Searchsets.Matches(events.of(patient, page.entries()), page.truncated()
                    ? "only the newest " + page.entries().size() + " entries of the access log; older ones were left out"
                    : null);
        });
    }
}

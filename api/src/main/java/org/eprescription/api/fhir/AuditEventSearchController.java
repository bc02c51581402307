package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.privacy.AccessLogEntry;
import org.eprescription.api.privacy.AccessLogReads;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
        return searchsets.byPatient(request, "AuditEvent", patient -> {
            List<Searchsets.Match> found = new ArrayList<>();
            Map<String, Integer> alike = new HashMap<>();
            for (AccessLogEntry entry : reads.readable(patient)) {
                // entries have no id of their own: named by what they say, the same answer names them the same
                String says = String.join("\n", patient.value(), entry.accessedAt().toString(), entry.accessorId(),
                        entry.role(), String.valueOf(entry.organisationId()), entry.what());
                UUID id = UUID.nameUUIDFromBytes((says + "\n" + alike.merge(says, 1, Integer::sum))
                        .getBytes(StandardCharsets.UTF_8));
                found.add(Searchsets.Match.byUuid(id, events.of(patient, entry)));
            }
            return found;
        });
    }
}

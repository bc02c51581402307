package org.eprescription.api.privacy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import lombok.RequiredArgsConstructor;
import org.eprescription.core.ids.PatientId;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /patients/{patientId}/access-log}: who read this patient's data, for the patient and auditors. */
@Tag(name = "patients")
@RestController
@RequiredArgsConstructor
public class AccessLogController {

    private final AccessLogReads reads;

    public record PatientAccessLog(String patientId, List<AccessLogEntry> entries) {
    }

    @Operation(operationId = "getAccessLog", summary = "Read who read a patient's data",
            description = "For the patient and auditors: who read it, when, in which role and organisation.")
    @GetMapping("/api/v1/patients/{patientId}/access-log")
    public PatientAccessLog get(@PathVariable String patientId) {
        PatientId patient = PatientId.of(patientId);
        return new PatientAccessLog(patient.value(), reads.readable(patient));
    }
}

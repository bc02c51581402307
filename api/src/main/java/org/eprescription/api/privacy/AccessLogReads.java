package org.eprescription.api.privacy;

import lombok.RequiredArgsConstructor;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.core.ids.PatientId;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * A patient's access log as the patient and auditors may read it, for {@code GET /patients/{id}/access-log} and
 * {@code GET /fhir/AuditEvent?patient=} alike.
 */
@Component
@RequiredArgsConstructor
public class AccessLogReads {

    private final AccessLog accessLog;
    private final ResourceAccess access;

    /**
     * The newest entries, at most {@value AccessLog#LIMIT}, and whether older ones were left out ({@code truncated}):
     * an answer that stops there must say so, or a reader takes it for the whole log.
     */
    public record Page(List<AccessLogEntry> entries, boolean truncated) {
    }

    /** The entries, newest first; 403 for anyone but the patient or an auditor. */
    public Page readable(PatientId patient) {
        access.requirePatientOrAuditor(patient, true);
        // an auditor's look at who looked is itself a read of the patient's data
        accessLog.read(patient, "access log");
        List<AccessLogEntry> entries = accessLog.of(patient);
        return entries.size() > AccessLog.LIMIT
                ? new Page(entries.subList(0, AccessLog.LIMIT), true)
                : new Page(entries, false);
    }
}

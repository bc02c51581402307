package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.audit.PrescriptionHistory;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.api.problem.UnknownResourceException;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.prescription.PrescriptionView;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/**
 * {@code GET /fhir/Task/{id}/_history} and {@code _history/{vid}}: the prescription as it stood after each of its
 * events, rebuilt from the event store by the audit endpoints' {@link PrescriptionHistory}, for those who may read
 * {@code /api/v1/audit/**}: auditors (the security configuration's rule), each read in the patient's access log.
 */
@RestController
@RequestMapping(FhirPaths.BASE)
@RequiredArgsConstructor
class TaskHistoryController {

    private final FhirResources resources;
    private final PrescriptionHistory history;
    private final TaskHistoryWriter historyWriter;
    private final TaskBundleWriter bundles;
    private final AccessLog accessLog;

    @GetMapping(FhirPaths.TASK_HISTORY)
    ResponseEntity<byte[]> history(@PathVariable UUID id, HttpServletRequest request) {
        return resources.answer(request, HttpStatus.OK, () -> {
            List<PrescriptionView> versions = history.versions(new PrescriptionId(id));
            accessLog.read(versions.get(0).patient().id(), "history of prescription " + id);
            return historyWriter.history(versions, FhirPaths.baseUrl());
        });
    }

    /** The Task and its MedicationRequests after the event of sequence number {@code vid}. */
    @GetMapping(FhirPaths.TASK_VERSION)
    ResponseEntity<byte[]> version(@PathVariable UUID id, @PathVariable String vid, HttpServletRequest request) {
        return resources.answer(request, HttpStatus.OK, () -> {
            PrescriptionView version = history.versions(new PrescriptionId(id)).stream()
                    .filter(view -> Long.toString(view.version()).equals(vid)).findFirst()
                    .orElseThrow(() -> new UnknownResourceException("no version " + vid + " of prescription " + id));
            accessLog.read(version.patient().id(), "state of prescription " + id + " at version " + vid);
            return bundles.withRequests(version);
        });
    }
}

package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.alerts.AlertViews;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /fhir/DetectedIssue?patient=}: the patient's alerts as {@code GET /api/v1/patients/{id}/alerts} shows
 * them to this caller (who may read them, what of other institutions' courses is masked, the access log entry are
 * {@link AlertViews#readableForPatient}'s), one DetectedIssue each in a searchset Bundle.
 */
@RestController
@RequestMapping(FhirPaths.BASE)
@RequiredArgsConstructor
class DetectedIssueSearchController {

    private final Searchsets searchsets;
    private final DetectedIssueMapper issues;
    private final AlertViews alerts;
    private final AlertKnowledge knowledge;

    /**
     * Where the exchange does not know all of the patient's alerts (alerts switched off, or the patient's events in
     * the dead-letter queue: the JSON API's {@code upToDate: false}), no {@code total} and an OperationOutcome saying
     * why: an empty Bundle with {@code total: 0} would read as "no conflict".
     */
    @GetMapping(FhirPaths.DETECTED_ISSUE)
    ResponseEntity<byte[]> search(HttpServletRequest request) {
        return searchsets.byPatientPartly(request, "DetectedIssue", patient -> {
            List<FhirEntry> found = alerts.readableForPatient(patient).stream()
                    .map(alert -> FhirEntry.byUuid(UUID.nameUUIDFromBytes(("alert/" + alert.alertId().value())
                            .getBytes(StandardCharsets.UTF_8)), issues.ofPatient(patient, alert)))
                    .toList();
            return new Searchsets.Matches(found, knowledge.alertsIncomplete(patient).orElse(null));
        });
    }
}

package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.alerts.AlertViews;
import org.eprescription.core.ids.PatientId;
import org.eprescription.query.alerts.query.AlertView;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
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

    static final String PATIENT = "patient";

    private final FhirResources resources;
    private final DetectedIssueMapper issues;
    private final AlertViews alerts;
    private final Clock clock;

    @GetMapping(FhirPaths.DETECTED_ISSUE)
    ResponseEntity<byte[]> search(HttpServletRequest request) {
        FhirFormat format = FhirNegotiation.answerFormat(request);
        PatientId patient = PatientId.of(SearchParameters.of(request, "DetectedIssue", PATIENT)
                .requiredId(PATIENT, "Patient"));
        List<Searchsets.Match> found = alerts.readableForPatient(patient).stream().map(alert -> {
            DetectedIssue issue = issues.ofPatient(patient, alert);
            String id = UUID.nameUUIDFromBytes(("alert/" + alert.alertId().value()).getBytes(StandardCharsets.UTF_8))
                    .toString();
            issue.setId(id);
            return new Searchsets.Match("urn:uuid:" + id, issue);
        }).toList();
        return resources.answer(HttpStatus.OK, Searchsets.of(found, clock), format);
    }
}

package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import org.eprescription.api.alerts.AlertViews;
import org.eprescription.api.input.FieldLimits;
import org.eprescription.core.ids.PatientId;
import org.eprescription.query.alerts.query.AlertView;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /fhir/DetectedIssue?patient=}: the patient's alerts as {@code GET /api/v1/patients/{id}/alerts} shows
 * them to this caller (who may read them, what of other institutions' courses is masked, the access log entry are
 * {@link AlertViews#readableForPatient}'s), one DetectedIssue each in a searchset Bundle.
 */
@RestController
@RequestMapping(FhirPaths.BASE)
class DetectedIssueSearchController {

    static final String PATIENT = "patient";
    private static final Set<String> PARAMETERS = Set.of(PATIENT, FhirNegotiation.FORMAT_PARAMETER);

    private final FhirResources resources;
    private final DetectedIssueMapper issues;
    private final AlertViews alerts;
    private final Clock clock;

    DetectedIssueSearchController(FhirResources resources, DetectedIssueMapper issues, AlertViews alerts,
                                  Clock clock) {
        this.resources = resources;
        this.issues = issues;
        this.alerts = alerts;
        this.clock = clock;
    }

    @GetMapping(FhirPaths.DETECTED_ISSUE)
    ResponseEntity<byte[]> search(HttpServletRequest request) {
        FhirFormat format = FhirNegotiation.answerFormat(request);
        PatientId patient = patient(request);
        List<AlertView> found = alerts.readableForPatient(patient);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(found.size());
        bundle.setTimestamp(Date.from(clock.instant()));
        bundle.addLink().setRelation("self").setUrl(ServletUriComponentsBuilder.fromCurrentRequest().toUriString());
        for (AlertView alert : found) {
            DetectedIssue issue = issues.ofPatient(patient, alert);
            String id = UUID.nameUUIDFromBytes(("alert/" + alert.alertId().value()).getBytes(StandardCharsets.UTF_8))
                    .toString();
            issue.setId(id);
            bundle.addEntry().setFullUrl("urn:uuid:" + id).setResource(issue)
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        return resources.answer(HttpStatus.OK, bundle, format);
    }

    /**
     * The one search this serves: {@code patient} the patient's id (the JSON API's, also as {@code Patient/<id>}).
     * Any other parameter is refused rather than ignored, so that no client reads an unfiltered answer as filtered.
     */
    private static PatientId patient(HttpServletRequest request) {
        for (String name : request.getParameterMap().keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw FhirRequestException.malformed("DetectedIssue is searched by patient only, not by " + name);
            }
        }
        String[] values = request.getParameterValues(PATIENT);
        if (values == null || values.length != 1 || values[0].isBlank()) {
            throw FhirRequestException.malformed("DetectedIssue needs exactly one patient=<patient id>");
        }
        String value = values[0].startsWith("Patient/") ? values[0].substring("Patient/".length()) : values[0];
        if (value.isBlank() || value.length() > FieldLimits.ID) {
            throw FhirRequestException.invalid("patient must be a patient id of at most " + FieldLimits.ID
                    + " characters");
        }
        return PatientId.of(value);
    }
}

package org.eprescription.api.fhir;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Where the FHIR interface is served (docs/fhir.md). */
final class FhirPaths {

    static final String BASE = "/fhir";
    static final String METADATA = "/metadata";
    static final String TASK_CREATE = "/Task/$create";
    static final String TASK_ACCEPT = "/Task/$accept";
    static final String TASK = "/Task/{id}";
    static final String TASK_REJECT = "/Task/{id}/$reject";
    static final String TASK_DISPENSE = "/Task/{id}/$dispense";
    static final String TASK_CLOSE = "/Task/{id}/$close";
    static final String TASK_ABORT = "/Task/{id}/$abort";
    static final String TASK_HISTORY = "/Task/{id}/_history";
    static final String TASK_VERSION = "/Task/{id}/_history/{vid}";
    static final String DETECTED_ISSUE = "/DetectedIssue";
    static final String TASK_SEARCH = "/Task";
    static final String MEDICATION_REQUEST = "/MedicationRequest";
    static final String MEDICATION_DISPENSE = "/MedicationDispense";
    static final String AUDIT_EVENT = "/AuditEvent";

    private FhirPaths() {
    }

    /** The FHIR base URL of the request being handled (full URLs, the CapabilityStatement's references). */
    static String baseUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(BASE).toUriString();
    }
}

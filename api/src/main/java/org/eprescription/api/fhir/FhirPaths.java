package org.eprescription.api.fhir;

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

    private FhirPaths() {
    }
}

package org.eprescription.api.fhir;

/** Where the FHIR interface is served (docs/fhir.md). */
final class FhirPaths {

    static final String BASE = "/fhir";
    static final String METADATA = "/metadata";
    static final String TASK_CREATE = "/Task/$create";

    private FhirPaths() {
    }
}

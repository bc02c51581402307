package org.eprescription.api.fhir;

import org.hl7.fhir.r4.model.Resource;

import java.util.UUID;

/** A resource with the full URL it is named by in a Bundle (a Task operation's answer, a search's). */
record FhirEntry(String fullUrl, Resource resource) {

    /** {@code resource}, given the id {@code id} and named by it as a {@code urn:uuid}. */
    static FhirEntry byUuid(UUID id, Resource resource) {
        resource.setId(id.toString());
        return new FhirEntry("urn:uuid:" + id, resource);
    }
}

package org.eprescription.api.cds;

import java.util.List;

/** The answer of {@code GET /cds-services}, CDS Hooks' discovery document; no service asks for prefetch. */
public record CdsDiscovery(List<Service> services) {

    public record Service(String id, String hook, String title, String description) {
    }
}

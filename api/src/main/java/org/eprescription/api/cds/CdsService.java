package org.eprescription.api.cds;

import java.util.List;
import java.util.Optional;

/**
 * A CDS Hooks service the exchange offers (docs/fhir.md, "CDS Hooks"): the duplicate and interaction check, once
 * per hook it answers, as CDS Hooks' discovery names exactly one hook per service. Both run the same check.
 */
record CdsService(String id, String hook, String title) {

    /** Every service, in the order discovery lists them. */
    static final List<CdsService> ALL = List.of(
            new CdsService("exchange-duplicate-check", "order-sign", "Duplicate and interaction check before signing"),
            new CdsService("exchange-duplicate-check-select", "order-select",
                    "Duplicate and interaction check while choosing a drug"));

    static Optional<CdsService> byId(String id) {
        return ALL.stream().filter(service -> service.id.equals(id)).findFirst();
    }
}

package org.eprescription.api.cds;

import java.util.Arrays;
import java.util.Optional;

/**
 * The CDS Hooks services the exchange offers (docs/fhir.md, "CDS Hooks"): the duplicate and interaction check, once
 * per hook it answers, as CDS Hooks' discovery names exactly one hook per service. Both run the same check.
 */
enum CdsService {

    ORDER_SIGN("exchange-duplicate-check", "order-sign", "Duplicate and interaction check before signing"),
    ORDER_SELECT("exchange-duplicate-check-select", "order-select",
            "Duplicate and interaction check while choosing a drug");

    private final String id;
    private final String hook;
    private final String title;

    CdsService(String id, String hook, String title) {
        this.id = id;
        this.hook = hook;
        this.title = title;
    }

    String id() {
        return id;
    }

    String hook() {
        return hook;
    }

    String title() {
        return title;
    }

    static Optional<CdsService> byId(String id) {
        return Arrays.stream(values()).filter(service -> service.id.equals(id)).findFirst();
    }
}

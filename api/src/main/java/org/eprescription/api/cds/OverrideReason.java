package org.eprescription.api.cds;

import java.util.List;

/**
 * Why a prescriber goes ahead despite a card, offered as its {@code overrideReasons}; the EHR records the chosen one
 * as the alert's acknowledgement reason once the prescription is issued (docs/fhir.md, "CDS Hooks").
 */
record OverrideReason(String code, String display) {

    /** Every reason a card offers, in the order it offers them. */
    static final List<OverrideReason> ALL = List.of(
            new OverrideReason("intended", "The combination is intended"),
            new OverrideReason("course-ended", "The other course has ended or is being stopped"),
            new OverrideReason("monitored", "Benefit outweighs the risk; the patient is monitored"));
}

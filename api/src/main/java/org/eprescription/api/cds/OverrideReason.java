package org.eprescription.api.cds;

/**
 * Why a prescriber goes ahead despite a card, offered as its {@code overrideReasons}; the EHR records the chosen one
 * as the alert's acknowledgement reason once the prescription is issued (docs/fhir.md, "CDS Hooks").
 */
enum OverrideReason {

    INTENDED("intended", "The combination is intended"),
    COURSE_ENDED("course-ended", "The other course has ended or is being stopped"),
    MONITORED("monitored", "Benefit outweighs the risk; the patient is monitored");

    private final String code;
    private final String display;

    OverrideReason(String code, String display) {
        this.code = code;
        this.display = display;
    }

    String code() {
        return code;
    }

    String display() {
        return display;
    }
}

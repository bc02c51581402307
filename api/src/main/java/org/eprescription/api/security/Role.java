package org.eprescription.api.security;

/**
 * What a token's {@code roles} claim may grant. {@code SERVICE_DESK} reads the list of stuck prescriptions and
 * nothing else (docs/http-api.md, "Who may call what").
 */
public enum Role {
    PRESCRIBER, PHARMACIST, PATIENT, AUDITOR, SERVICE_DESK;

    /** The Spring Security authority of this role, as {@code hasRole} expects it. */
    public String authority() {
        return "ROLE_" + name();
    }
}

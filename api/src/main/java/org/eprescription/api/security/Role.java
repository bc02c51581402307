package org.eprescription.api.security;

/** What a token's {@code roles} claim may grant. */
public enum Role {
    PRESCRIBER, PHARMACIST, PATIENT, AUDITOR;

    /** The Spring Security authority of this role, as {@code hasRole} expects it. */
    public String authority() {
        return "ROLE_" + name();
    }
}

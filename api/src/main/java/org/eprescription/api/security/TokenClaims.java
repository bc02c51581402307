package org.eprescription.api.security;

/** The claims of an exchange token, as an identity provider must issue them (docs/operations.md, "Identity provider"). */
public final class TokenClaims {

    public static final String ROLES = "roles";
    public static final String INSTITUTION_ID = "institution_id";
    public static final String PHARMACY_ID = "pharmacy_id";
    public static final String PATIENT_ID = "patient_id";

    private TokenClaims() {
    }
}

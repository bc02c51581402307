package org.eprescription.api.security;

import org.springframework.security.oauth2.jwt.Jwt;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The authenticated caller: the token's subject, its roles, and the institution, pharmacy or patient it is bound to.
 * Roles a token names that the exchange does not know are ignored.
 */
public record ExchangeUser(String subject, Set<Role> roles, String institutionId, String pharmacyId,
                           String patientId) {

    public ExchangeUser {
        Objects.requireNonNull(subject, "subject");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public static ExchangeUser of(Jwt token) {
        return new ExchangeUser(token.getSubject(), rolesOf(token), text(token, TokenClaims.INSTITUTION_ID),
                text(token, TokenClaims.PHARMACY_ID), text(token, TokenClaims.PATIENT_ID));
    }

    static Set<Role> rolesOf(Jwt token) {
        Object claim = token.getClaims().get(TokenClaims.ROLES);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (claim instanceof List<?> names) {
            for (Object name : names) {
                for (Role role : Role.values()) {
                    if (role.name().equals(String.valueOf(name))) {
                        roles.add(role);
                    }
                }
            }
        }
        return roles;
    }

    private static String text(Jwt token, String claim) {
        String value = token.getClaimAsString(claim);
        return value == null || value.isBlank() ? null : value;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Whether this user acts as a prescriber of {@code institution}. */
    public boolean prescribesFor(String institution) {
        return has(Role.PRESCRIBER) && institutionId != null && institutionId.equals(institution);
    }

    /** Whether this user acts as a pharmacist of {@code pharmacy}. */
    public boolean worksAt(String pharmacy) {
        return has(Role.PHARMACIST) && pharmacyId != null && pharmacyId.equals(pharmacy);
    }

    /** Whether this user is the patient {@code patient}. */
    public boolean is(String patient) {
        return has(Role.PATIENT) && patientId != null && patientId.equals(patient);
    }
}

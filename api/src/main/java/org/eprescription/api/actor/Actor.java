package org.eprescription.api.actor;

import java.util.Objects;

/** Who sends a command: a user, in a role, acting for an organisation (institution or pharmacy). */
public record Actor(String userId, Role role, String organisationId) {

    public enum Role { PRESCRIBER, PHARMACIST, PATIENT, AUDITOR, SYSTEM }

    public Actor {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }

    /** The exchange itself, e.g. the expiry sweep. */
    public static Actor system(String process) {
        return new Actor(process, Role.SYSTEM, "exchange");
    }
}

package org.eprescription.core.ids;

import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriberId;

import java.util.Objects;

/**
 * A person acting for an organisation: a prescriber for an institution, or a pharmacist for a pharmacy.
 * {@code personId} and {@code organisationId} are read according to {@code role}.
 */
public record Party(Role role, String personId, String organisationId) {

    public enum Role { PRESCRIBER, PHARMACIST }

    public Party {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(organisationId, "organisationId");
    }

    public static Party prescriber(PrescriberId prescriber, InstitutionId institution) {
        return new Party(Role.PRESCRIBER, prescriber.value(), institution.value());
    }

    public static Party pharmacist(PharmacistId pharmacist, PharmacyId pharmacy) {
        return new Party(Role.PHARMACIST, pharmacist.value(), pharmacy.value());
    }

    public boolean actsFor(InstitutionId institution) {
        return role == Role.PRESCRIBER && organisationId.equals(institution.value());
    }

    public boolean actsFor(PharmacyId pharmacy) {
        return role == Role.PHARMACIST && organisationId.equals(pharmacy.value());
    }
}

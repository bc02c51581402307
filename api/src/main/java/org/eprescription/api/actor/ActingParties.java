package org.eprescription.api.actor;

import lombok.RequiredArgsConstructor;
import org.eprescription.api.security.CurrentUser;
import org.eprescription.api.security.ExchangeUser;
import org.eprescription.api.security.ForbiddenException;
import org.eprescription.api.security.Role;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriberId;
import org.springframework.stereotype.Component;

import java.util.function.Function;

/**
 * The one place that decides who is acting: always the bearer token's subject, in the role and for the
 * institution, pharmacy or patient the token binds it to. Where a request body names the acting party too
 * (docs/http-api.md, "Conventions"), it must name the token's; a body that names someone else is refused (403), never
 * believed.
 */
@Component
@RequiredArgsConstructor
public class ActingParties {

    private final CurrentUser currentUser;

    /** The prescriber issuing a body that names {@code prescriber} of {@code institution}. */
    public Actor prescriber(PrescriberId prescriber, InstitutionId institution) {
        Actor actor = prescriber();
        requireSame("prescriber", prescriber.value(), actor.userId());
        requireSame("institution", institution.value(), actor.organisationId());
        return actor;
    }

    /** The prescriber of a request whose body names nobody (cancel, acknowledge). */
    public Actor prescriber() {
        return bound(Role.PRESCRIBER, ExchangeUser::institutionId, Actor.Role.PRESCRIBER, "prescriber", "institution");
    }

    /** The pharmacist of a body that names {@code pharmacist} at {@code pharmacy}. */
    public Actor pharmacist(PharmacistId pharmacist, PharmacyId pharmacy) {
        Actor actor = pharmacy(pharmacy);
        requireSame("pharmacist", pharmacist.value(), actor.userId());
        return actor;
    }

    /** A pharmacist of the body's {@code pharmacy} (release names no pharmacist). */
    public Actor pharmacy(PharmacyId pharmacy) {
        Actor actor = pharmacy();
        requireSame("pharmacy", pharmacy.value(), actor.organisationId());
        return actor;
    }

    /**
     * The pharmacist of a body that may name its pharmacy and pharmacist (a correction, a query); each one named must
     * be the token's.
     */
    public Actor pharmacist(String namedPharmacy, String namedPharmacist) {
        Actor actor = namedPharmacy == null ? pharmacy() : pharmacy(PharmacyId.of(namedPharmacy));
        if (namedPharmacist != null) {
            requireSame("pharmacist", namedPharmacist, actor.userId());
        }
        return actor;
    }

    /** The pharmacist of a request whose body names no pharmacy. */
    public Actor pharmacy() {
        return bound(Role.PHARMACIST, ExchangeUser::pharmacyId, Actor.Role.PHARMACIST, "pharmacist", "pharmacy");
    }

    /**
     * Who acknowledges an alert: a pharmacist when the body names a pharmacy (and then pharmacist) or when the token
     * is only a pharmacist's; otherwise the token's prescriber.
     */
    public Actor provider(String namedPharmacy, String namedPharmacist) {
        boolean pharmacyNamed = namedPharmacy != null && !namedPharmacy.isBlank();
        ExchangeUser user = currentUser.get();
        if (!pharmacyNamed && !(user.has(Role.PHARMACIST) && !user.has(Role.PRESCRIBER))) {
            return prescriber();
        }
        Actor actor = pharmacyNamed ? pharmacy(PharmacyId.of(namedPharmacy)) : pharmacy();
        if (namedPharmacist != null && !namedPharmacist.isBlank()) {
            requireSame("pharmacist", namedPharmacist, actor.userId());
        }
        return actor;
    }

    /** The patient {@code patient} acting for themself. */
    public Actor patient(PatientId patient) {
        ExchangeUser user = user(Role.PATIENT);
        if (!user.is(patient.value())) {
            throw ForbiddenException.notYours();
        }
        return new Actor(user.subject(), Actor.Role.PATIENT, null);
    }

    /** The token's user in the role, acting for the organisation the token binds them to. */
    private Actor bound(Role role, Function<ExchangeUser, String> organisationOf, Actor.Role acting, String who,
                        String organisation) {
        ExchangeUser user = user(role);
        String organisationId = organisationOf.apply(user);
        if (organisationId == null) {
            throw new ForbiddenException("the token binds this " + who + " to no " + organisation);
        }
        return new Actor(user.subject(), acting, organisationId);
    }

    private ExchangeUser user(Role role) {
        ExchangeUser user = currentUser.get();
        if (!user.has(role)) {
            throw new ForbiddenException("this request needs the role " + role);
        }
        return user;
    }

    private static void requireSame(String what, String named, String authenticated) {
        if (!named.equals(authenticated)) {
            throw new ForbiddenException("the body names another " + what + " than the bearer token");
        }
    }
}

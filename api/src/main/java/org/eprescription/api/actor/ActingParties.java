package org.eprescription.api.actor;

import jakarta.servlet.http.HttpServletRequest;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriberId;
import org.springframework.stereotype.Component;

/**
 * The one place that decides who is acting. Until authentication lands, the acting prescriber or pharmacy is taken
 * from the request body as api.md shows, and where the body names nobody (cancel, acknowledge) from the headers
 * {@value #PRESCRIBER_HEADER} and {@value #INSTITUTION_HEADER}. The security issue replaces this class with the
 * authenticated principal and refuses a body that names someone else.
 */
@Component
public class ActingParties {

    public static final String PRESCRIBER_HEADER = "X-Prescriber-Id";
    public static final String INSTITUTION_HEADER = "X-Institution-Id";

    public Actor prescriber(PrescriberId prescriber, InstitutionId institution) {
        return new Actor(prescriber.value(), Actor.Role.PRESCRIBER, institution.value());
    }

    public Actor pharmacist(PharmacistId pharmacist, PharmacyId pharmacy) {
        return new Actor(pharmacist.value(), Actor.Role.PHARMACIST, pharmacy.value());
    }

    public Actor pharmacy(PharmacyId pharmacy) {
        return new Actor(pharmacy.value(), Actor.Role.PHARMACIST, pharmacy.value());
    }

    /** The prescriber of a request whose body does not name one. */
    public Actor prescriberFromHeaders(HttpServletRequest request) {
        String prescriber = request.getHeader(PRESCRIBER_HEADER);
        String institution = request.getHeader(INSTITUTION_HEADER);
        if (isBlank(prescriber) || isBlank(institution)) {
            throw new MissingActorException("name the acting prescriber in the " + PRESCRIBER_HEADER + " and "
                    + INSTITUTION_HEADER + " headers");
        }
        return prescriber(PrescriberId.of(prescriber), InstitutionId.of(institution));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}

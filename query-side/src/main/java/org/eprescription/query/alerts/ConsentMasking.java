package org.eprescription.query.alerts;

import org.eprescription.core.ids.InstitutionId;

import java.util.List;

/**
 * docs/domain.md, "Consent": without the patient's consent an alert still fires, but names neither the institution nor
 * the prescriber of a conflicting course from another institution. Applied when a query answers, never to stored rows,
 * so a rebuild does not depend on when consent changed.
 */
final class ConsentMasking {

    private ConsentMasking() {
    }

    /**
     * @param ownInstitution the institution of the alert's own prescription; null (a draft) makes every conflict
     *                       one of another institution
     */
    static List<Conflict> mask(List<Conflict> conflicts, InstitutionId ownInstitution, boolean sharingAllowed) {
        if (sharingAllowed) {
            return conflicts;
        }
        return conflicts.stream()
                .map(conflict -> ownInstitution != null && ownInstitution.equals(conflict.institutionId())
                        ? conflict : conflict.masked())
                .toList();
    }
}

package org.eprescription.query.alerts.query;

import org.eprescription.query.alerts.store.Conflict;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.InstitutionId;

import java.util.List;
import java.util.Set;

/**
 * docs/alerts.md, "Privacy": without the patient's consent an alert still fires, but the other side of a conflict, a
 * course of an institution the reader does not belong to, shows only its drug and period: no prescription, institution
 * or prescriber. Applied when a query answers, never to stored rows, so a rebuild does not depend on when consent
 * changed.
 */
final class ConsentMasking {

    private ConsentMasking() {
    }

    /** @param named the institutions whose courses are named; empty (a draft) masks every conflict */
    static List<Conflict> mask(List<Conflict> conflicts, Set<InstitutionId> named, boolean sharingAllowed) {
        return mask(conflicts, named, Set.of(), sharingAllowed);
    }

    /**
     * @param named       the institutions whose courses are named (a record's course is its prescribing
     *                    institution's)
     * @param ownRecords  the dispensing records the reader registered: their courses are named to it too
     */
    static List<Conflict> mask(List<Conflict> conflicts, Set<InstitutionId> named, Set<DispensingRecordId> ownRecords,
                               boolean sharingAllowed) {
        if (sharingAllowed) {
            return conflicts;
        }
        return conflicts.stream()
                .map(conflict -> (conflict.institutionId() != null && named.contains(conflict.institutionId()))
                        || (conflict.dispensingRecordId() != null && ownRecords.contains(conflict.dispensingRecordId()))
                        ? conflict : conflict.masked())
                .toList();
    }
}

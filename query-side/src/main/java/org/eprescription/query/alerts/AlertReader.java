package org.eprescription.query.alerts;

import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PrescriptionId;

import java.util.Set;

/**
 * Who reads a patient's alerts, which decides what the list shows (docs/alerts.md, "Privacy"): a provider sees the
 * alerts of prescriptions it is party to ({@code partyTo}), and without the patient's consent only what its own
 * institutions prescribed is named ({@code institutions}). Null means no such limit: the patient and an auditor see
 * every alert, each named as its own prescription's institution would see it.
 */
public record AlertReader(Set<PrescriptionId> partyTo, Set<InstitutionId> institutions) {

    /** The patient, or an auditor. */
    public static final AlertReader EVERYONE = new AlertReader(null, null);

    public AlertReader {
        partyTo = partyTo == null ? null : Set.copyOf(partyTo);
        institutions = institutions == null ? null : Set.copyOf(institutions);
    }

    boolean sees(StoredAlert alert) {
        return partyTo == null || partyTo.stream().anyMatch(alert::links);
    }

    /** The institutions whose side of {@code alert} is named without consent. */
    Set<InstitutionId> named(StoredAlert alert) {
        return institutions == null ? Set.of(alert.institutionId()) : institutions;
    }
}

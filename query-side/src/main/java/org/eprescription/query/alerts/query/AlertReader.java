package org.eprescription.query.alerts.query;

import org.eprescription.query.alerts.store.StoredAlert;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PrescriptionId;

import java.util.Set;

/**
 * Who reads a patient's alerts, which decides what the list shows (docs/alerts.md, "Privacy"): a provider sees the
 * alerts of prescriptions it is party to ({@code partyTo}) and of the dispensing records it registered
 * ({@code records}), and without the patient's consent only what its own institutions prescribed
 * ({@code institutions}) or it registered itself is named. Null means no such limit: the patient and an auditor see
 * every alert, each named as its own side would see it.
 */
public record AlertReader(Set<PrescriptionId> partyTo, Set<InstitutionId> institutions,
                          Set<DispensingRecordId> records) {

    /** The patient, or an auditor. */
    public static final AlertReader EVERYONE = new AlertReader(null, null, null);

    public AlertReader {
        partyTo = partyTo == null ? null : Set.copyOf(partyTo);
        institutions = institutions == null ? null : Set.copyOf(institutions);
        records = records == null ? (partyTo == null ? null : Set.of()) : Set.copyOf(records);
    }

    /** A provider party to these prescriptions, of these institutions, that registered no dispensing record. */
    public AlertReader(Set<PrescriptionId> partyTo, Set<InstitutionId> institutions) {
        this(partyTo, institutions, null);
    }

    boolean sees(StoredAlert alert) {
        return partyTo == null || partyTo.stream().anyMatch(alert::links) || records.stream().anyMatch(alert::links);
    }

    /** The institutions whose side of {@code alert} is named without consent. */
    Set<InstitutionId> named(StoredAlert alert) {
        return institutions == null ? alert.ownInstitutions() : institutions;
    }

    /** The records whose side of {@code alert} is named without consent. */
    Set<DispensingRecordId> namedRecords(StoredAlert alert) {
        return records == null ? alert.ownRecords() : records;
    }
}

package org.eprescription.core.record;

import org.eprescription.core.catalogue.DrugDescriptions;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.Party;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A registered dispensing as its events left it, for the answer to a command: its items of the current
 * {@code revision} (1 as registered, one more per correction; none once withdrawn), and how the catalogue described
 * their drugs when they were recorded ({@code drugs}; null when their event did not record it, an older revision).
 */
public record DispensingRecordState(DispensingRecordId recordId, PatientId patientId, Party registeredBy,
                                    InstitutionId prescribingInstitutionId, LocalDate dispensedOn,
                                    DispensingRecordStatus status, int revision, List<RecordItem> items,
                                    Instant registeredAt, DrugDescriptions drugs) {

    public DispensingRecordState {
        items = List.copyOf(items);
    }
}

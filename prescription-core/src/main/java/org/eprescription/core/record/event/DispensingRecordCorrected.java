package org.eprescription.core.record.event;

import org.axonframework.serialization.Revision;
import org.eprescription.core.catalogue.DrugDescriptions;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.Party;
import org.eprescription.core.record.RecordItem;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The registering party replaced the items of its record on the day of the dispensing ({@code correctedOn}); the
 * record is now in {@code revision} (2 after the first correction).
 *
 * <p>Revision 2: each item says whether it is taken as needed ({@code asNeeded}); revision 1 had no such item and is
 * read with {@code false} ({@link RecordItemsUpcaster}). Revision 3 records how the catalogue described the items'
 * drugs ({@code drugs}); older revisions are read with none (null: not recorded).
 */
@Revision("3")
public record DispensingRecordCorrected(DispensingRecordId recordId, PatientId patientId, Party correctedBy,
                                        String reason, List<RecordItem> items, int revision, LocalDate correctedOn,
                                        Instant correctedAt, DrugDescriptions drugs)
        implements DispensingRecordEvent {

    /** A correction whose drugs were not described (as revisions before 3 were recorded). */
    public DispensingRecordCorrected(DispensingRecordId recordId, PatientId patientId, Party correctedBy,
                                     String reason, List<RecordItem> items, int revision, LocalDate correctedOn,
                                     Instant correctedAt) {
        this(recordId, patientId, correctedBy, reason, items, revision, correctedOn, correctedAt, null);
    }

    public DispensingRecordCorrected {
        items = List.copyOf(items);
    }
}

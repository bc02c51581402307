package org.eprescription.core.record.event;

import org.axonframework.serialization.Revision;
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
 * read with {@code false} ({@link RecordItemsUpcaster}).
 */
@Revision("2")
public record DispensingRecordCorrected(DispensingRecordId recordId, PatientId patientId, Party correctedBy,
                                        String reason, List<RecordItem> items, int revision, LocalDate correctedOn,
                                        Instant correctedAt) implements DispensingRecordEvent {

    public DispensingRecordCorrected {
        items = List.copyOf(items);
    }
}

package org.eprescription.core.record.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.Party;
import org.eprescription.core.record.RecordItem;

import java.util.List;

/** Replace the items of a registered dispensing, on the day it was dispensed, and say why. */
public record CorrectDispensingRecord(@TargetAggregateIdentifier DispensingRecordId recordId, Party correctedBy,
                                      String reason, List<RecordItem> items) {

    public CorrectDispensingRecord {
        items = items == null ? List.of() : List.copyOf(items);
    }
}

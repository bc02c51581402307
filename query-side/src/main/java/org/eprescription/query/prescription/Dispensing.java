package org.eprescription.query.prescription;

import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.prescription.DispensedItem;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One dispensing of one use, as the pharmacy recorded it; {@code dispensedOn} is the day the exchange recorded for it
 * (null in a view written before dispensings carried their day, until the view is replayed).
 */
public record Dispensing(int use, PharmacyId pharmacyId, PharmacistId pharmacistId, List<DispensedItem> items,
                         boolean completesUse, Instant dispensedAt, LocalDate dispensedOn) {

    public Dispensing {
        items = items == null ? List.of() : List.copyOf(items);
    }
}

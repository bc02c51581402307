package org.eprescription.query.prescription;

import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.prescription.DispensedItem;

import java.time.Instant;
import java.util.List;

/** One dispensing of one use, as the pharmacy recorded it. */
public record Dispensing(int use, PharmacyId pharmacyId, PharmacistId pharmacistId, List<DispensedItem> items,
                         boolean completesUse, Instant dispensedAt) {

    public Dispensing {
        items = items == null ? List.of() : List.copyOf(items);
    }
}

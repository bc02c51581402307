package org.eprescription.core.record;

import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.refusal.PrescriptionRefusedException;
import org.eprescription.core.refusal.Refusal;

import java.math.BigDecimal;
import java.util.List;

/** What a registered dispensing's items must be, at registration and at each correction. */
final class RecordRules {

    static final int MAX_ITEMS = 10;
    static final int MAX_DAYS = 365;

    private RecordRules() {
    }

    static void check(List<RecordItem> items, DrugCatalogue catalogue) {
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw refused("a registered dispensing has 1 to " + MAX_ITEMS + " items, not " + items.size());
        }
        for (int i = 0; i < items.size(); i++) {
            RecordItem item = items.get(i);
            if (item.quantity().compareTo(BigDecimal.ZERO) <= 0) {
                throw refused("item " + (i + 1) + ": the quantity must be positive");
            }
            if (item.days() < 1 || item.days() > MAX_DAYS) {
                throw refused("item " + (i + 1) + ": days must be 1 to " + MAX_DAYS + ", not " + item.days());
            }
            if (catalogue.find(item.drugCode()).isEmpty()) {
                throw new PrescriptionRefusedException(Refusal.UNKNOWN_DRUG, "unknown drug code " + item.drugCode());
            }
        }
    }

    private static PrescriptionRefusedException refused(String detail) {
        return new PrescriptionRefusedException(Refusal.INVALID_RECORD_ITEMS, detail);
    }
}

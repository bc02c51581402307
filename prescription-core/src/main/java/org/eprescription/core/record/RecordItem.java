package org.eprescription.core.record;

import org.eprescription.core.ids.DrugCode;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One drug handed out without an electronic prescription: how much, for how many days, and whether it is taken as
 * needed (頓用), in which case its course counts as 14 days whatever its days (docs/alerts.md, "As-needed lines").
 */
public record RecordItem(DrugCode drugCode, BigDecimal quantity, int days, boolean asNeeded) {

    public RecordItem {
        Objects.requireNonNull(drugCode, "drugCode");
        Objects.requireNonNull(quantity, "quantity");
    }

    /** An item taken on a schedule. */
    public RecordItem(DrugCode drugCode, BigDecimal quantity, int days) {
        this(drugCode, quantity, days, false);
    }
}

package org.eprescription.core.record;

import org.eprescription.core.ids.DrugCode;

import java.math.BigDecimal;
import java.util.Objects;

/** One drug handed out without an electronic prescription: how much, for how many days. */
public record RecordItem(DrugCode drugCode, BigDecimal quantity, int days) {

    public RecordItem {
        Objects.requireNonNull(drugCode, "drugCode");
        Objects.requireNonNull(quantity, "quantity");
    }
}

package org.eprescription.core.prescription;

import org.eprescription.core.ids.DrugCode;

import java.math.BigDecimal;

/** What a pharmacy handed out against one line: possibly a generic substitute of the prescribed drug. */
public record DispensedItem(int lineNumber, DrugCode drugCode, BigDecimal quantity, int days) {
}

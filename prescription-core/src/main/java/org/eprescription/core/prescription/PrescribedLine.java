package org.eprescription.core.prescription;

import org.eprescription.core.ids.DrugCode;

import java.math.BigDecimal;

/**
 * One line (Rp) of a prescription: a drug, how much, how to take it and for how many days. An as-needed line (頓用,
 * {@code asNeeded}) is taken when a symptom calls for it rather than on a schedule; its course counts as 14 days
 * whatever its days (docs/alerts.md).
 */
public record PrescribedLine(int lineNumber, DrugCode drugCode, BigDecimal quantity, String unit, String dosage,
                             int days, boolean asNeeded) {

    /** A line taken on a schedule. */
    public PrescribedLine(int lineNumber, DrugCode drugCode, BigDecimal quantity, String unit, String dosage,
                          int days) {
        this(lineNumber, drugCode, quantity, unit, dosage, days, false);
    }
}

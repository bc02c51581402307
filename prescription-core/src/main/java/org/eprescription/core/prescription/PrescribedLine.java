package org.eprescription.core.prescription;

import org.eprescription.core.ids.DrugCode;

import java.math.BigDecimal;

/** One line (Rp) of a prescription: a drug, how much, how to take it and for how many days. */
public record PrescribedLine(int lineNumber, DrugCode drugCode, BigDecimal quantity, String unit, String dosage,
                             int days) {
}

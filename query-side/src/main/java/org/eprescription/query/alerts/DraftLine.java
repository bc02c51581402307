package org.eprescription.query.alerts;

import org.eprescription.core.ids.DrugCode;

/** A line of a prescription not issued yet. */
public record DraftLine(int lineNumber, DrugCode drugCode, int days) {
}

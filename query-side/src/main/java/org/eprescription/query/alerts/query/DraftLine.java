package org.eprescription.query.alerts.query;

import org.eprescription.core.ids.DrugCode;

/** A line of a prescription not issued yet; {@code asNeeded}: taken as needed (頓用), counted as 14 days. */
public record DraftLine(int lineNumber, DrugCode drugCode, int days, boolean asNeeded) {

    public DraftLine(int lineNumber, DrugCode drugCode, int days) {
        this(lineNumber, drugCode, days, false);
    }
}

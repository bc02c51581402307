package org.eprescription.query.alerts.query;

import org.eprescription.core.ids.DrugCode;

/**
 * A line of a prescription not issued yet; {@code asNeeded}: taken as needed (頓用), counted as 14 days; {@code unit}:
 * the unit its quantity will be given in, null when the draft does not say yet.
 */
public record DraftLine(int lineNumber, DrugCode drugCode, int days, boolean asNeeded, String unit) {

    public DraftLine(int lineNumber, DrugCode drugCode, int days, boolean asNeeded) {
        this(lineNumber, drugCode, days, asNeeded, null);
    }

    public DraftLine(int lineNumber, DrugCode drugCode, int days) {
        this(lineNumber, drugCode, days, false);
    }
}

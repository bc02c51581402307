package org.eprescription.core.interaction;

import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DrugCode;

import java.time.LocalDate;
import java.util.List;

/**
 * An alert as a check raised it: one line (and use) of the prescription, one kind and key (the common ingredient,
 * the contraindicated pair, or the class), the checked course's days, and every conflicting course as seen then.
 */
public record RecordedAlert(AlertId alertId, AlertType type, Severity severity, int lineNumber, int use,
                            DrugCode drugCode, String key, String ingredient, LocalDate from, LocalDate to,
                            List<RecordedConflict> conflicts) {

    public RecordedAlert {
        AlertIds.requireNamed(alertId, type, key);
        conflicts = List.copyOf(conflicts);
    }
}

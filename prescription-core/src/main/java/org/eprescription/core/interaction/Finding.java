package org.eprescription.core.interaction;

import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DrugCode;

import java.util.List;

/**
 * One alert on one line of a new prescription: a type and its key (the drug code, the common ingredient, the sorted
 * contraindicated pair "a+b", or the class code), and every course it conflicts with, in a stable order.
 */
public record Finding(AlertId alertId, AlertType type, int lineNumber, DrugCode drugCode, String key,
                      List<MedicationCourse> conflicts) {

    public Finding {
        AlertIds.requireNamed(alertId, type, key);
        conflicts = List.copyOf(conflicts);
    }

    public Severity severity() {
        return type.severity();
    }

    /** The common ingredient of a SAME_INGREDIENT finding, the pair of a CONTRAINDICATED one, otherwise null. */
    public String ingredient() {
        return switch (type) {
            case SAME_INGREDIENT, CONTRAINDICATED -> key;
            default -> null;
        };
    }
}

package org.eprescription.query.alerts;

import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.AlertType;
import org.eprescription.core.interaction.Severity;

import java.time.Instant;
import java.util.List;

/**
 * A duplicate or interaction alert as docs/http-api.md shows it. {@code status} is OPEN or RESOLVED;
 * {@code ingredient} is the common ingredient (SAME_INGREDIENT), the pair (CONTRAINDICATED) or null;
 * {@code acknowledged} says whether acknowledgements cover every one of its conflicts (a conflict recorded after them
 * makes it false again).
 */
public record AlertView(AlertId alertId, AlertType type, Severity severity, String status,
                        PrescriptionId prescriptionId, int lineNumber, DrugCode drugCode, String ingredient,
                        String key, List<Conflict> conflicts, List<AcknowledgementView> acknowledgements,
                        boolean acknowledged, Instant raisedAt) {

    public static final String OPEN = "OPEN";
    public static final String RESOLVED = "RESOLVED";

    public AlertView {
        conflicts = List.copyOf(conflicts);
        acknowledgements = List.copyOf(acknowledgements);
    }
}

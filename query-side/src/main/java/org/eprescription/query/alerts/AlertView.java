package org.eprescription.query.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.AlertType;
import org.eprescription.core.interaction.Severity;
import org.eprescription.core.ids.Party;

import java.time.Instant;
import java.util.List;

/**
 * A duplicate or interaction alert as docs/http-api.md shows it. {@code status} is OPEN or RESOLVED;
 * {@code ingredient} is the common ingredient (SAME_INGREDIENT), the pair (CONTRAINDICATED) or null;
 * {@code acknowledged} says whether acknowledgements cover every one of its conflicts (a conflict recorded after them
 * makes it false again). An alert a registered dispensing raised names that record ({@code dispensingRecordId},
 * {@code registeredBy}) where a prescription's names the prescription; both are left out of the JSON when null.
 */
public record AlertView(AlertId alertId, AlertType type, Severity severity, String status,
                        PrescriptionId prescriptionId, int lineNumber, DrugCode drugCode, String ingredient,
                        String key, List<Conflict> conflicts, List<AcknowledgementView> acknowledgements,
                        boolean acknowledged, Instant raisedAt,
                        @JsonInclude(JsonInclude.Include.NON_NULL) DispensingRecordId dispensingRecordId,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Party registeredBy) {

    public static final String OPEN = "OPEN";
    public static final String RESOLVED = "RESOLVED";

    public AlertView {
        conflicts = List.copyOf(conflicts);
        acknowledgements = List.copyOf(acknowledgements);
    }

    /** An alert of a prescription (or a draft). */
    public AlertView(AlertId alertId, AlertType type, Severity severity, String status, PrescriptionId prescriptionId,
                     int lineNumber, DrugCode drugCode, String ingredient, String key, List<Conflict> conflicts,
                     List<AcknowledgementView> acknowledgements, boolean acknowledged, Instant raisedAt) {
        this(alertId, type, severity, status, prescriptionId, lineNumber, drugCode, ingredient, key, conflicts,
                acknowledgements, acknowledged, raisedAt, null, null);
    }
}

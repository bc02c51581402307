package org.eprescription.query.alerts;

import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.AlertType;

import java.time.Instant;
import java.util.List;

/** A row of {@code medication_alert}, conflicts unmasked. */
record StoredAlert(AlertId alertId, PatientId patientId, PrescriptionId prescriptionId, int lineNumber,
                   AlertType type, String status, DrugCode drugCode, String key, String ingredient,
                   InstitutionId institutionId, PrescriberId prescriberId, List<Conflict> conflicts,
                   List<AcknowledgementView> acknowledgements, Instant raisedAt, Instant resolvedAt) {

    /** As a query answers it: conflicts from another institution lose institution and prescriber without consent. */
    AlertView view(boolean sharingAllowed) {
        return new AlertView(alertId, type, type.severity(), status, prescriptionId, lineNumber, drugCode, ingredient,
                key, ConsentMasking.mask(conflicts, institutionId, sharingAllowed), acknowledgements, raisedAt);
    }

    boolean isOpen() {
        return AlertView.OPEN.equals(status);
    }
}

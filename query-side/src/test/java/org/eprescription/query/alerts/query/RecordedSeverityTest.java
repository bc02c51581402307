package org.eprescription.query.alerts.query;

import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.AlertIds;
import org.eprescription.core.interaction.AlertType;
import org.eprescription.core.interaction.CheckTrigger;
import org.eprescription.core.interaction.RecordedAlert;
import org.eprescription.core.interaction.Severity;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.query.alerts.store.StoredAlert;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An alert answers the severity its check recorded, not the one today's code gives its kind (docs/alerts.md): the
 * decision is history, stored in the event that made it.
 */
class RecordedSeverityTest {

    private static final PrescriptionId ID = PrescriptionId.of("8d5c0f3e-6c1a-4f7e-9a57-3f0c2b9b1e11");

    @Test
    void anAlertAnswersTheSeverityItsCheckRecorded() {
        AlertId alertId = AlertIds.of(ID, 1, AlertType.SAME_INGREDIENT, "amlodipine");
        RecordedAlert recorded = new RecordedAlert(alertId, AlertType.SAME_INGREDIENT, Severity.MODERATE, 1, 1,
                DrugCode.of("2171022F1021"), "amlodipine", "amlodipine", LocalDate.of(2026, 12, 1),
                LocalDate.of(2026, 12, 28), List.of());
        InteractionCheckCompleted check = new InteractionCheckCompleted(ID, PatientId.of("PAT-1"),
                InstitutionId.of("HOSP-A"), PrescriberId.of("DOC-A"), CheckTrigger.ISSUE, List.of(), List.of(recorded),
                "sha256:0123456789abcdef", Instant.parse("2026-12-01T09:00:00Z"));

        StoredAlert stored = StoredAlert.raised(check, recorded);

        assertThat(AlertType.SAME_INGREDIENT.severity()).as("today's rule for the kind").isEqualTo(Severity.HIGH);
        assertThat(stored.severity()).isEqualTo(Severity.MODERATE);
        assertThat(AlertView.of(stored, true).severity()).isEqualTo(Severity.MODERATE);
    }
}

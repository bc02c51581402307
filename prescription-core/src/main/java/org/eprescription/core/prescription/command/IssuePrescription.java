package org.eprescription.core.prescription.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.AlertAcknowledgement;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.core.prescription.PrescribedLine;
import org.eprescription.core.prescription.PrescriberDetails;

import java.time.LocalDate;
import java.util.List;

/** Issue a prescription. {@code validUntil} may be null: the exchange then applies its default validity. */
public record IssuePrescription(@TargetAggregateIdentifier PrescriptionId prescriptionId, PatientDetails patient,
                                PrescriberDetails prescriber, List<PrescribedLine> lines, int refills,
                                LocalDate validUntil, List<AlertAcknowledgement> acknowledgedAlerts) {

    public IssuePrescription {
        lines = lines == null ? List.of() : List.copyOf(lines);
        acknowledgedAlerts = acknowledgedAlerts == null ? List.of() : List.copyOf(acknowledgedAlerts);
    }
}

package org.eprescription.api.prescription;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.eprescription.api.input.FieldLimits;
import org.eprescription.api.input.Identifier;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.AlertAcknowledgement;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.core.prescription.PrescribedLine;
import org.eprescription.core.prescription.PrescriberDetails;
import org.eprescription.core.prescription.command.IssuePrescription;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The body of {@code POST /prescriptions} (docs/http-api.md, "Issuing: the body"). Shape is checked here, rules in
 * the aggregate.
 */
public record IssueRequest(UUID prescriptionId,
                           @NotNull @Valid Patient patient,
                           @NotNull @Valid Prescriber prescriber,
                           @NotNull @Size(max = FieldLimits.LIST) List<@NotNull @Valid Line> lines,
                           Integer refills,
                           LocalDate validUntil,
                           @Size(max = FieldLimits.LIST) List<@NotNull @Valid Acknowledgement> acknowledgedAlerts) {

    @Schema(name = "IssuePatient")
    public record Patient(@NotBlank @Identifier String id, @NotNull @PastOrPresent LocalDate birthDate,
                          @Size(max = FieldLimits.NAME) String name) {
    }

    public record Prescriber(@NotBlank @Identifier String id,
                             @NotBlank @Identifier String institutionId) {
    }

    @Schema(name = "IssueLine")
    public record Line(@NotNull Integer lineNumber, @NotBlank @Size(max = FieldLimits.CODE) String drugCode,
                       @NotNull @Digits(integer = FieldLimits.QUANTITY_DIGITS, fraction = FieldLimits.QUANTITY_FRACTION)
                       BigDecimal quantity,
                       @NotBlank @Size(max = FieldLimits.CODE) String unit,
                       @NotBlank @Size(max = FieldLimits.TEXT) String dosage, @NotNull Integer days,
                       Boolean asNeeded) {
    }

    /** {@code conflictIds}: the conflicts of the alert the draft check showed (optional; docs/alerts.md). */
    public record Acknowledgement(@NotBlank @Identifier String alertId,
                                  @NotBlank @Size(max = FieldLimits.TEXT) String reason,
                                  @Size(max = FieldLimits.LIST)
                                  List<@NotBlank @Identifier String> conflictIds) {
    }

    public PrescriberId prescriberId() {
        return PrescriberId.of(prescriber.id());
    }

    public InstitutionId institutionId() {
        return InstitutionId.of(prescriber.institutionId());
    }

    public IssuePrescription toCommand(PrescriptionId id) {
        return new IssuePrescription(id,
                new PatientDetails(PatientId.of(patient.id()), patient.birthDate(), patient.name()),
                new PrescriberDetails(prescriberId(), institutionId()),
                lines.stream().map(line -> new PrescribedLine(line.lineNumber(), DrugCode.of(line.drugCode()),
                        line.quantity(), line.unit(), line.dosage(), line.days(),
                        Boolean.TRUE.equals(line.asNeeded()))).toList(),
                refills == null ? 0 : refills,
                validUntil,
                acknowledgedAlerts == null ? List.of() : acknowledgedAlerts.stream()
                        .map(ack -> new AlertAcknowledgement(AlertId.of(ack.alertId()), ack.reason(),
                                ack.conflictIds())).toList());
    }
}

package org.eprescription.api.record;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.eprescription.api.input.FieldLimits;
import org.eprescription.api.input.Identifier;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.Party;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.core.record.RecordItem;
import org.eprescription.core.record.command.RegisterDispensing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The body of {@code POST /dispensing-records} (docs/http-api.md, "Registered dispensings"). Shape is checked here,
 * rules in the aggregate. {@code recordId} is optional: a client that chooses it can retry without an
 * Idempotency-Key.
 */
public record RegisterRecordRequest(UUID recordId,
                                    @NotNull @Valid Patient patient,
                                    @NotNull @Size(max = FieldLimits.LIST) List<@NotNull @Valid Item> items,
                                    @Identifier String prescribingInstitutionId) {

    @Schema(name = "RecordPatient")
    public record Patient(@NotBlank @Identifier String id, @NotNull @PastOrPresent LocalDate birthDate) {
    }

    @Schema(name = "RecordItem")
    public record Item(@NotBlank @Size(max = FieldLimits.CODE) String drugCode,
                       @NotNull @Digits(integer = FieldLimits.QUANTITY_DIGITS, fraction = FieldLimits.QUANTITY_FRACTION)
                       BigDecimal quantity,
                       @NotNull Integer days,
                       @Schema(description = "taken as needed (頓用): its course counts as 14 days whatever its days")
                       Boolean asNeeded) {

        RecordItem toItem() {
            return new RecordItem(DrugCode.of(drugCode), quantity, days, Boolean.TRUE.equals(asNeeded));
        }
    }

    static List<RecordItem> toItems(List<Item> items) {
        return items == null ? List.of() : items.stream().map(Item::toItem).toList();
    }

    RegisterDispensing toCommand(DispensingRecordId id, Party registeredBy) {
        return new RegisterDispensing(id, new PatientDetails(PatientId.of(patient.id()), patient.birthDate(), null),
                registeredBy, prescribingInstitutionId == null ? null : InstitutionId.of(prescribingInstitutionId),
                toItems(items));
    }
}

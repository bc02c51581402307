package org.eprescription.api.pharmacy;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eprescription.api.input.FieldLimits;
import org.eprescription.api.input.Identifier;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.DispensedItem;
import org.eprescription.core.prescription.command.DispensePrescription;

import java.math.BigDecimal;
import java.util.List;

/** The body of {@code POST /prescriptions/{id}/dispense}. {@code drugCode} differs from the line's for a generic. */
public record DispenseRequest(@NotBlank @Identifier String pharmacyId,
                              @NotBlank @Identifier String pharmacistId,
                              @NotNull @Size(max = FieldLimits.LIST) List<@NotNull @Valid Item> items,
                              Boolean completesUse) {

    /** The command this body asks for; who sends it is the token's ({@code ActingParties}). */
    public DispensePrescription toCommand(PrescriptionId prescriptionId) {
        return new DispensePrescription(prescriptionId, PharmacyId.of(pharmacyId), PharmacistId.of(pharmacistId),
                items.stream().map(Item::toDispensedItem).toList(), Boolean.TRUE.equals(completesUse));
    }

    @Schema(name = "DispenseItem")
    public record Item(@NotNull Integer lineNumber, @NotBlank @Size(max = FieldLimits.CODE) String drugCode,
                       @NotNull @Digits(integer = FieldLimits.QUANTITY_DIGITS, fraction = FieldLimits.QUANTITY_FRACTION)
                       BigDecimal quantity,
                       @NotNull Integer days) {

        DispensedItem toDispensedItem() {
            return new DispensedItem(lineNumber, DrugCode.of(drugCode), quantity, days);
        }
    }
}

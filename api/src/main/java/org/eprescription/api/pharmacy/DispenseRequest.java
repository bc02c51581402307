package org.eprescription.api.pharmacy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.prescription.DispensedItem;

import java.math.BigDecimal;
import java.util.List;

/** The body of {@code POST /prescriptions/{id}/dispense}. {@code drugCode} differs from the line's for a generic. */
public record DispenseRequest(@NotBlank String pharmacyId, @NotBlank String pharmacistId,
                              @NotNull List<@NotNull @Valid Item> items, Boolean completesUse) {

    public record Item(@NotNull Integer lineNumber, @NotBlank String drugCode, @NotNull BigDecimal quantity,
                       @NotNull Integer days) {

        DispensedItem toDispensedItem() {
            return new DispensedItem(lineNumber, DrugCode.of(drugCode), quantity, days);
        }
    }
}

package org.eprescription.api.pharmacy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eprescription.api.input.FieldLimits;
import org.eprescription.api.input.Identifier;
import org.eprescription.core.prescription.DispensedItem;

import java.util.List;

/**
 * The body of {@code POST /prescriptions/{id}/dispensings/{sequence}/correct}: with {@code items} the dispensing is
 * corrected to them, without it is withdrawn. A pharmacy may name itself ({@code pharmacyId}, {@code pharmacistId});
 * the token's are taken otherwise.
 */
public record CorrectDispensingRequest(@NotBlank @Size(max = FieldLimits.TEXT) String reason,
                                       @Size(max = FieldLimits.LIST) List<DispenseRequest.@NotNull @Valid Item> items,
                                       @Identifier String pharmacyId,
                                       @Identifier String pharmacistId) {

    /** The corrected items; null for a withdrawal. */
    List<DispensedItem> dispensedItems() {
        return items == null ? null : items.stream().map(DispenseRequest.Item::toDispensedItem).toList();
    }
}

package org.eprescription.api.record;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eprescription.api.input.FieldLimits;

import java.util.List;

/**
 * The body of {@code POST /dispensing-records/{recordId}/correct}: with {@code items} the record's items are replaced,
 * without (or with none) the record is withdrawn; either way with a reason.
 */
public record CorrectRecordRequest(@NotBlank @Size(max = FieldLimits.TEXT) String reason,
                                   @Size(max = FieldLimits.LIST) List<RegisterRecordRequest.@NotNull @Valid Item> items) {

    boolean withdraws() {
        return items == null || items.isEmpty();
    }
}

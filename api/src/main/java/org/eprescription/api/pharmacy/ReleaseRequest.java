package org.eprescription.api.pharmacy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eprescription.api.input.FieldLimits;

/** The body of {@code POST /prescriptions/{id}/release}. */
public record ReleaseRequest(@NotBlank @Size(max = FieldLimits.ID) String pharmacyId,
                             @Size(max = FieldLimits.TEXT) String reason) {
}

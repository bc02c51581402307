package org.eprescription.api.prescription;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eprescription.api.input.FieldLimits;

/** The body of {@code POST /prescriptions/{id}/cancel}. */
public record CancelRequest(@NotBlank @Size(max = FieldLimits.TEXT) String reason) {
}

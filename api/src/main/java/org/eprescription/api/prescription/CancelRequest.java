package org.eprescription.api.prescription;

import jakarta.validation.constraints.NotBlank;

/** The body of {@code POST /prescriptions/{id}/cancel}. */
public record CancelRequest(@NotBlank String reason) {
}

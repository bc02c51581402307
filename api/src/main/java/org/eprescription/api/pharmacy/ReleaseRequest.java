package org.eprescription.api.pharmacy;

import jakarta.validation.constraints.NotBlank;

/** The body of {@code POST /prescriptions/{id}/release}. */
public record ReleaseRequest(@NotBlank String pharmacyId, String reason) {
}

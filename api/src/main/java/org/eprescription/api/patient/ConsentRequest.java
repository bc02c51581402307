package org.eprescription.api.patient;

import jakarta.validation.constraints.NotNull;

/** The body of {@code PUT /patients/{patientId}/consent}. */
public record ConsentRequest(@NotNull Boolean sharingAllowed) {
}

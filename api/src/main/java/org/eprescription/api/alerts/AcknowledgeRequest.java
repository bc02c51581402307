package org.eprescription.api.alerts;

import jakarta.validation.constraints.NotBlank;

/**
 * The body of {@code POST /prescriptions/{id}/alerts/{alertId}/acknowledge}. A pharmacy names itself with
 * {@code pharmacyId} and {@code pharmacistId}; a prescriber is named by the acting-party headers.
 */
public record AcknowledgeRequest(@NotBlank String reason, String pharmacyId, String pharmacistId) {
}

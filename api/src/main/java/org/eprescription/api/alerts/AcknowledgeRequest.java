package org.eprescription.api.alerts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eprescription.api.input.FieldLimits;

/**
 * The body of {@code POST /prescriptions/{id}/alerts/{alertId}/acknowledge}. A pharmacy names itself with
 * {@code pharmacyId} and {@code pharmacistId}; a prescriber is named by the acting-party headers.
 */
public record AcknowledgeRequest(@NotBlank @Size(max = FieldLimits.TEXT) String reason,
                                 @Size(max = FieldLimits.ID) String pharmacyId,
                                 @Size(max = FieldLimits.ID) String pharmacistId) {
}

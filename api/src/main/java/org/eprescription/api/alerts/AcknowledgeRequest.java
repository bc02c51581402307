package org.eprescription.api.alerts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eprescription.api.input.FieldLimits;
import org.eprescription.api.input.Identifier;

import java.util.List;

/**
 * The body of {@code POST /prescriptions/{id}/alerts/{alertId}/acknowledge}. A pharmacy names itself with
 * {@code pharmacyId} and {@code pharmacistId}; a prescriber is named by the acting-party headers. {@code conflictIds}
 * (optional) are the conflicts the acknowledger saw; without them it covers the conflicts the alert has now.
 */
public record AcknowledgeRequest(@NotBlank @Size(max = FieldLimits.TEXT) String reason,
                                 @Identifier String pharmacyId,
                                 @Identifier String pharmacistId,
                                 @Size(max = FieldLimits.LIST)
                                 List<@NotBlank @Identifier String> conflictIds) {
}

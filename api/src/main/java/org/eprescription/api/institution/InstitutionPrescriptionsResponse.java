package org.eprescription.api.institution;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eprescription.api.prescription.PrescriptionResponse;

import java.util.List;

/**
 * {@code GET /institutions/{institutionId}/prescriptions}: its issued prescriptions, newest first, with open alerts, at
 * most 500; {@code truncated} only when true: older ones were left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstitutionPrescriptionsResponse(String institutionId, List<PrescriptionResponse> prescriptions,
                                               Boolean truncated) {
}

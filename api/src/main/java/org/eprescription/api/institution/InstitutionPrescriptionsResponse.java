package org.eprescription.api.institution;

import org.eprescription.api.prescription.PrescriptionResponse;

import java.util.List;

/** {@code GET /institutions/{institutionId}/prescriptions}: its issued prescriptions, newest first, with open alerts. */
public record InstitutionPrescriptionsResponse(String institutionId, List<PrescriptionResponse> prescriptions) {
}

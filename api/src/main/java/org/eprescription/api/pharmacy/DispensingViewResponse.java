package org.eprescription.api.pharmacy;

import org.eprescription.api.prescription.PrescriptionResponse;

import java.util.List;

/** {@code GET /pharmacies/{pharmacyId}/dispensing-view}: what the pharmacy holds and dispensed today, with open alerts. */
public record DispensingViewResponse(String pharmacyId, List<PrescriptionResponse> held,
                                     List<PrescriptionResponse> dispensedToday) {
}

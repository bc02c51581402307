package org.eprescription.api.servicedesk;

import org.eprescription.query.prescription.PrescriptionView;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /admin/stuck-prescriptions}: held by a pharmacy since before {@code cutoff} (now minus {@code heldFor})
 * with no dispensing since, longest held first.
 */
public record StuckPrescriptionsResponse(Duration heldFor, Instant cutoff, List<PrescriptionView> prescriptions) {
}

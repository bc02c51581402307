package org.eprescription.api.servicedesk;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eprescription.query.prescription.PrescriptionView;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /admin/stuck-prescriptions}: held by a pharmacy since before {@code cutoff} (now minus {@code heldFor})
 * with no dispensing since, longest held first. {@code truncated} only when true: more prescriptions are stuck than
 * the list shows (the most recently held are left out); ask with a longer {@code heldFor} to work through them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StuckPrescriptionsResponse(Duration heldFor, Instant cutoff, List<PrescriptionView> prescriptions,
                                         Boolean truncated) {
}

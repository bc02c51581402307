package org.eprescription.api.servicedesk;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eprescription.query.prescription.PrescriptionView;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /admin/stuck-prescriptions}: held by a pharmacy since before {@code cutoff} (now minus {@code heldFor})
 * with no dispensing since, longest held first. {@code truncated} only when true: more prescriptions are stuck than
 * the list shows; it shows those held longest, and leaves out the most recently held.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StuckPrescriptionsResponse(Duration heldFor, Instant cutoff, List<PrescriptionView> prescriptions,
                                         Boolean truncated) {
}

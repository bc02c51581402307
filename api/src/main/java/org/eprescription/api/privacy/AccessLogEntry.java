package org.eprescription.api.privacy;

import java.time.Instant;

/** One read of a patient's data by someone else. */
public record AccessLogEntry(Instant accessedAt, String accessorId, String role, String organisationId, String what) {
}

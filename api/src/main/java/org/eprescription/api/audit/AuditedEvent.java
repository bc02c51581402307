package org.eprescription.api.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;

/**
 * One stored event as an auditor reads it: its place in its stream, its simple class name, when it was stored,
 * the event itself and the metadata it was stored with (actor, role, organisation, correlation, idempotency key).
 */
public record AuditedEvent(long sequence, String type, Instant timestamp, JsonNode payload,
                           Map<String, Object> metadata) {
}

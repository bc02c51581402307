package org.eprescription.api.idempotency;

/** What one Idempotency-Key is scoped to: the same key on another path is another request. */
record RequestKey(String key, String method, String path) {
}

package org.eprescription.api.idempotency;

/** The request header that names a retry (docs/http-api.md, "Idempotency"): one name for the filter and every POST. */
public final class IdempotencyKeyHeader {

    public static final String NAME = "Idempotency-Key";

    private IdempotencyKeyHeader() {
    }
}

-- Every bulk read of patients' data by an auditor: an export of the events (GET /audit/events, GET /audit/export)
-- or the examples a projection verify answers with; one row per request, not per patient (docs/operations.md,
-- "Audit"). Written before anything is answered and completed at its end; read at GET /audit/exports.
CREATE TABLE bulk_read_log (
    id           BIGSERIAL     PRIMARY KEY,
    started_at   TIMESTAMPTZ   NOT NULL,
    accessor_id  VARCHAR(200)  NOT NULL,
    role         VARCHAR(20)   NOT NULL,
    -- what was read: "events", "pseudonymized events", "verify of projection medication-alerts"
    what         VARCHAR(200)  NOT NULL,
    -- the export's filter as asked for; null: no bound
    from_instant TIMESTAMPTZ,
    to_instant   TIMESTAMPTZ,
    event_type   VARCHAR(200),
    ended_at     TIMESTAMPTZ,
    -- the lines (or verify's examples) answered
    lines        BIGINT,
    -- COMPLETE, FAILED; null while it runs, or when its node stopped before it ended
    outcome      VARCHAR(20)
);

CREATE INDEX bulk_read_log_started ON bulk_read_log (started_at DESC, id DESC);

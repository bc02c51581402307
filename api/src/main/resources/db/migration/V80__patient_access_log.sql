-- Who read a patient's data, when, in which role and what (security issue, "Privacy"); the patient reads it at
-- GET /patients/{patientId}/access-log. Rows are only ever inserted. The patient's own reads are not recorded.
CREATE TABLE patient_access_log (
    id              BIGSERIAL     PRIMARY KEY,
    patient_id      VARCHAR(64)   NOT NULL,
    accessed_at     TIMESTAMPTZ   NOT NULL,
    accessor_id     VARCHAR(200)  NOT NULL,
    role            VARCHAR(20)   NOT NULL,
    -- the institution or pharmacy the reader acted for; null for an auditor
    organisation_id VARCHAR(64),
    -- what was read, e.g. "medications" or "prescription 8d5c0f3e-..."
    what            VARCHAR(200)  NOT NULL
);

CREATE INDEX patient_access_log_patient ON patient_access_log (patient_id, accessed_at DESC);

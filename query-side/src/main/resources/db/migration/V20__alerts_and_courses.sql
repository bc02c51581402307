-- Medication courses, duplicate and interaction alerts, and patient consent, built only from events by
-- AlertProjection (processing group "medication-alerts"), one patient's events strictly in order.

-- One use of one line of a prescription as the patient takes it (domain.md, "Duplicate and interaction alerts").
create table medication_course (
    prescription_id      uuid not null,
    line_number          int not null,
    use_number           int not null,
    patient_id           text not null,
    -- the drug taken: the prescribed one, or the generic substitute once dispensed
    drug_code            text not null,
    -- the prescribed drug and days of supply of the line: what a refill use plans, what a null dispensed code means
    prescribed_drug_code text not null,
    prescribed_days      int not null,
    start_date           date not null,
    end_date             date not null,
    -- PLANNED, DISPENSED or STOPPED
    status               text not null,
    institution_id       text not null,
    prescriber_id        text not null,
    dispensed_at         timestamptz,
    primary key (prescription_id, line_number, use_number)
);

create index medication_course_patient_idx on medication_course (patient_id);

-- One alert per new line and type and key (drug code, ingredient, sorted pair, or class code).
create table medication_alert (
    -- deterministic: derived from prescription, line, type and key, so a replay rebuilds the same ids
    alert_id         text primary key,
    patient_id       text not null,
    prescription_id  uuid not null,
    line_number      int not null,
    type             text not null,
    severity         text not null,
    -- OPEN or RESOLVED (never deleted)
    status           text not null,
    drug_code        text not null,
    alert_key        text not null,
    -- the common ingredient (SAME_INGREDIENT) or the pair (CONTRAINDICATED), else null
    ingredient       text,
    -- of the alert's own prescription: conflicts from another institution are masked without consent
    institution_id   text not null,
    prescriber_id    text not null,
    -- every conflicting course, unmasked; masking happens when a query answers
    conflicts        jsonb not null,
    acknowledgements jsonb not null,
    raised_at        timestamptz not null,
    resolved_at      timestamptz
);

create index medication_alert_patient_idx on medication_alert (patient_id);
create index medication_alert_prescription_idx on medication_alert (prescription_id);

-- Whether the patient lets providers see history from other institutions; no row means not shared.
create table patient_consent (
    patient_id      text primary key,
    sharing_allowed boolean not null,
    changed_at      timestamptz not null,
    -- sequence number of the consent event applied: an older redelivered event never overwrites a newer one
    version         bigint not null
);

-- The sequence number of the last event of each prescription the projection processed: the api waits on it to
-- answer an issue with its alerts, and the projection skips events at or below it (redelivery).
create table alert_progress (
    prescription_id uuid primary key,
    version         bigint not null
);

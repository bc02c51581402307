-- The prescription view: one row per prescription, built only from the Prescription aggregate's events
-- by PrescriptionViewProjection (processing group "prescription-view").
create table prescription_view (
    prescription_id        uuid primary key,
    status                 text not null,
    patient_id             text not null,
    patient_birth_date     date not null,
    patient_name           text,
    prescriber_id          text not null,
    institution_id         text not null,
    -- keyed hash of the exchange code (never the code itself): the pharmacy's way in
    exchange_code_hash     text not null unique,
    refills                int,
    uses_left              int,
    current_use            int,
    valid_until            date,
    -- the pharmacy holding the prescription, null when nobody holds it
    pharmacy_id            text,
    cancellation_requested boolean,
    refill_planned         date,
    refill_opens           date,
    refill_closes          date,
    -- the deadline the expiry sweep checks: valid_until while ISSUED, refill_closes while AWAITING_REFILL, else null
    expires_after          date,
    lines                  jsonb,
    dispensings            jsonb,
    issued_at              timestamptz,
    updated_at             timestamptz,
    -- sequence number of the last applied event (= the aggregate version command handlers answer)
    version                bigint not null
);

create index prescription_view_patient_idx on prescription_view (patient_id);
create index prescription_view_institution_idx on prescription_view (institution_id);
create index prescription_view_pharmacy_idx on prescription_view (pharmacy_id);
create index prescription_view_expiry_idx on prescription_view (expires_after)
    where status in ('ISSUED', 'AWAITING_REFILL');

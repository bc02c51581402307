-- What the pharmacy queue, "dispensed today" and the stuck-work query need from the prescription view, and the
-- global position of the last applied event (the id of a live-stream change). All three are rebuilt from events.
alter table prescription_view
    -- when the pharmacy holding the prescription accepted it; null when nobody holds it
    add column held_since        timestamptz,
    -- when the prescription was last dispensed (any use, any pharmacy); null before the first dispensing
    add column last_dispensed_at timestamptz,
    -- global position in the event store of the last event applied to this row
    add column last_position     bigint;

create index prescription_view_held_idx on prescription_view (held_since) where pharmacy_id is not null;
create index prescription_view_dispensed_idx on prescription_view (last_dispensed_at)
    where last_dispensed_at is not null;

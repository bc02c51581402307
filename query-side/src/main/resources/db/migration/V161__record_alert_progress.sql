-- The last event of each registered dispensing record that medication-alerts processed: a redelivered check of a
-- record (after a replay of this projection alone, whose shared processor keeps its token) is skipped, as a
-- prescription's events are by alert_progress, instead of raising again an alert a later event resolved.
create table record_alert_progress (
    record_id uuid primary key,
    version   bigint not null
);

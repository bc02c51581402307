-- The zone in which the exchange decides every day it records (exchange.zone, docs/domain.md "Days"), recorded by the
-- first node that starts on this database (RecordedZone). Every node sharing the database must judge "today" in that
-- zone: a node configured with another refuses to start. Changing it is a deliberate step with every node stopped
-- (docs/operations.md, "The zone is the database's"). One row at most.
create table exchange_zone (
    only_row    boolean primary key default true check (only_row),
    zone        text not null,
    recorded_at timestamptz not null default now()
);

-- Projections that must be rebuilt from the events once, because a release added or changed what they hold and the
-- rows written before it are missing or wrong (docs/operations.md, "Replays due at start"). Every node that starts
-- replays those listed here (DueReplayStarter), one node at a time across all nodes (the replay's claim); the replay
-- deletes its row in the transaction that swaps the rebuilt tables in, so a replay that fails or a node that stops
-- leaves it due, and the next attempt replays again.
create table projection_replay_due (
    projection text primary key,
    reason     text not null,
    due_since  timestamptz not null default now()
);

-- unchecked_course (V164) started empty: the prescriptions and dispensing records whose courses commands moved without
-- a check (alerts switched off) before that release are only in the events, and checks of their patients answered
-- "complete". A database the exchange has already run on (its processors hold tokens) may have such history; a new
-- one has none.
insert into projection_replay_due (projection, reason)
select 'unchecked-course', 'courses moved without a check before unchecked_course was kept (V164)'
 where exists (select 1 from tokenentry);

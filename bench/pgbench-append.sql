-- One durable append for bench/run-pgbench-ceiling.sh: a single-row INSERT of a 300-byte bytea under a new
-- bigserial primary key and a random uuid with a unique index (as the event table's global index and event
-- identifier), committed with the server's synchronous_commit (on by default).
INSERT INTO append_ceiling (event_id, payload) VALUES (gen_random_uuid(), decode(repeat('5a', 300), 'hex'));

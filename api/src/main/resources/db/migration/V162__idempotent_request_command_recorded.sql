-- When the request's command was recorded, and the resource it changed (where known): written in the command's own
-- transaction, so that a request whose node stopped after its command and before its answer is never run again by a
-- retry, which is pointed to that resource instead (docs/http-api.md, "Retries").
ALTER TABLE idempotent_request ADD COLUMN command_recorded_at TIMESTAMPTZ;
ALTER TABLE idempotent_request ADD COLUMN command_resource VARCHAR(1000);
-- Which request holds the claim: a retry that takes over an abandoned claim gives it a new one, and the request that
-- held it before can then no longer record its command, answer or give the key up.
ALTER TABLE idempotent_request ADD COLUMN claim_id UUID;

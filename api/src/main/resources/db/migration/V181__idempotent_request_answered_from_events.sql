-- Whether a kept answer's view was built from the prescription's own events (header Answered-From-Events), so that a
-- retry with the same Idempotency-Key is told so too (docs/http-api.md, "Retries").
alter table idempotent_request add column answered_from_events boolean not null default false;

-- Accept attempts are counted before they run (AcceptAttempts): a row is written, under the pharmacy's lock, for
-- every accept a pharmacy starts, and deleted again when it did not fail for want of a matching code and birth
-- date, so simultaneous guesses count as they start. A right code with a wrong birth date names the prescription
-- (set under the prescription's lock), whose accepts are locked after too many (exchange.accept-attempts.birth-date.*).
-- Neither the code tried nor the birth date is kept.
ALTER TABLE failed_accept_attempt ADD COLUMN id BIGSERIAL PRIMARY KEY;
ALTER TABLE failed_accept_attempt ADD COLUMN prescription_id UUID;

CREATE INDEX failed_accept_attempt_prescription ON failed_accept_attempt (prescription_id, attempted_at)
    WHERE prescription_id IS NOT NULL;

-- Accepts refused because the exchange code names no prescription (unknown, or not with that birth date), per
-- pharmacy, so that every node counts the same failures and locks out a pharmacy that guesses codes
-- (exchange.accept-attempts.*). Neither the code tried nor the birth date is kept. Rows older than the window plus
-- the lock-out are deleted whenever a failure is recorded.
CREATE TABLE failed_accept_attempt (
    pharmacy_id  VARCHAR(64) NOT NULL,
    attempted_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX failed_accept_attempt_pharmacy ON failed_accept_attempt (pharmacy_id, attempted_at);
CREATE INDEX failed_accept_attempt_attempted_at ON failed_accept_attempt (attempted_at);

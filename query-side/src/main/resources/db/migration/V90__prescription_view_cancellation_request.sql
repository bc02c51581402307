-- How the latest cancellation request ended, for the institution that made it: a release cancels, a dispensing that
-- completes the use lets it lapse, a partial dispensing leaves it pending. Rebuilt from events.
alter table prescription_view
    -- when the issuing institution asked to cancel while a pharmacy held it; null if it never did
    add column cancellation_requested_at timestamptz,
    -- PENDING, CANCELLED or LAPSED; null if no request was made
    add column cancellation_outcome      text,
    -- when the request was cancelled or lapsed; null while pending
    add column cancellation_settled_at   timestamptz;

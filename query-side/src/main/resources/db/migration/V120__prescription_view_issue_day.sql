-- The day of issue as the exchange decided it in its zone (PrescriptionIssued.issuedOn, docs/domain.md "Days").
-- Rows written before the column existed take the day of issued_at in UTC, the zone the exchange ran in then
-- (exchange.legacy-event-zone); a replay writes what the events say.
alter table prescription_view add column issued_on date;
update prescription_view set issued_on = (issued_at at time zone 'UTC')::date;

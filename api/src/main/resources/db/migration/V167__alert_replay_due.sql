-- Releases before this one stopped the medication-alerts projection while alerts were switched off and let it join the
-- shared processor at that processor's position when they were switched on again: cancellations, expiries,
-- dispensings and acknowledgements recorded meanwhile never reached it, so it could show an alert open and a course
-- planned that a replay shows resolved and stopped (docs/alerts.md, "What alerts off switches off"). Whether a
-- deployment ever ran with alerts off is not in the database, so a database the exchange has already run on replays
-- the projection once at its first start (docs/operations.md, "Replays due at start"); a new one has nothing to repair.
insert into projection_replay_due (projection, reason)
select 'medication-alerts', 'events recorded while alerts were off did not reach the alert projection before this release'
 where exists (select 1 from tokenentry);

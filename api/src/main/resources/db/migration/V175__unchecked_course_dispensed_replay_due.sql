-- Releases before this one marked a dispensing or its correction made while alerts were off as unchecked for the days
-- its items said (at least 14), but a dispensed course lasts as long as its quantity covers, up to its line's days
-- (docs/alerts.md, "After alerts were switched off"): 28 tablets of a 28-day line recorded as 1 day were unchecked for
-- 14 days while the course ran 28, and a check meanwhile answered "complete". V166's backfill wrote such marks too.
-- The replay reads dispensings stored before this release with the longest line days of their prescription. A
-- database the exchange has already run on replays unchecked_course once at its first start; a new one has none.
insert into projection_replay_due (projection, reason)
select 'unchecked-course', 'dispensings made while alerts were off were marked unchecked for the days their items said, not the days their courses may run'
 where exists (select 1 from tokenentry)
on conflict (projection) do nothing;

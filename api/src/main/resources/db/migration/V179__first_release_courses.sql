-- The first release (0.1.0) recorded no interaction check in its events: its alert projection derived the courses, and
-- migration V100 copied them into course_record. No event gives those rows again, so a rebuild of course_record
-- dropped them (and checks no longer found those courses), and verify showed them as differences that were no error
-- (docs/alerts.md, "After alerts were switched off"). Kept here as V100 left them and never written again: every copy
-- of course_record that a replay or a verify builds starts from them, and skips the events stored before they were
-- taken (their effect on those courses is in them, as the live table never saw those events either).
create table first_release_course (like course_record including all);

-- V100's rows: those of prescriptions for which no check was recorded (a course a recorded check wrote is the events').
insert into first_release_course
select c.*
  from course_record c
 where c.prescription_id is not null
   and not exists (select 1 from domainevententry e
                    where e.aggregateidentifier = c.prescription_id::text
                      and e.payloadtype = 'org.eprescription.core.prescription.event.InteractionCheckCompleted');

-- The moment V100 copied them: an event stored before it was stored by the first release. None on a store that never
-- ran that release (V100 found no course to copy).
create table first_release_cutoff (
    stored_before timestamptz not null
);

insert into first_release_cutoff (stored_before)
select installed_on::timestamptz
  from flyway_schema_history
 where version = '100'
   and exists (select 1 from first_release_course);

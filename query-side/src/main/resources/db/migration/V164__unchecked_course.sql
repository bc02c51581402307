-- The prescriptions and registered dispensing records whose courses a command moved without recording a check,
-- because alerts were switched off (docs/alerts.md, "After alerts were switched off"). course_record does not hold
-- their courses, so a check that meets one is incomplete. Written by UncheckedCourseProjection in the course-record
-- subscribing processor, in the transaction of the command whose events it handles, whether alerts are on or off; a
-- command's check reads it under the patient's advisory lock, as it reads course_record.
create table unchecked_course (
    prescription_id      uuid,
    dispensing_record_id uuid,
    patient_id           text not null,
    -- the command (its events' correlationId) that last moved the source's courses while its check is not seen yet;
    -- the check of the same command clears it, so outside that command's transaction it means "no check ran"
    pending_command      text,
    -- an earlier command moved the source's courses and recorded no check
    unchecked            boolean not null default false,
    -- the longest days of supply seen for its lines or items (at least 14: a topical or as-needed course counts 14)
    days                 int not null,
    -- the last day a course not handed out yet could still run (null: none can start any more)
    planned_until        date,
    -- the last day a course handed out could still run
    dispensed_until      date,
    constraint unchecked_course_one_source check ((prescription_id is null) <> (dispensing_record_id is null))
);

create unique index unchecked_course_prescription_idx on unchecked_course (prescription_id)
    where prescription_id is not null;
create unique index unchecked_course_record_idx on unchecked_course (dispensing_record_id)
    where dispensing_record_id is not null;
create index unchecked_course_patient_idx on unchecked_course (patient_id);

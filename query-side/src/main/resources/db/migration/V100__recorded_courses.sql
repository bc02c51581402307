-- Interaction checks are decided by the commands and recorded in their events (InteractionCheckCompleted); the
-- courses they record are kept twice, for two readers (docs/alerts.md, "Where the courses live"):

-- 1. course_record: what the next check of the patient reads, written by CourseRecordProjection (a subscribing
-- processor) in the transaction of the command that recorded them, so it is never behind the event store.
create table course_record (
    prescription_id uuid not null,
    line_number     int not null,
    use_number      int not null,
    patient_id      text not null,
    -- the drug taken: the prescribed one, or the substitute handed out
    drug_code       text not null,
    start_date      date not null,
    end_date        date not null,
    -- PLANNED, DISPENSED or STOPPED
    status          text not null,
    institution_id  text not null,
    prescriber_id   text not null,
    primary key (prescription_id, line_number, use_number)
);

create index course_record_patient_idx on course_record (patient_id, end_date);

-- A store from before recorded checks: its courses so far are those the alert projection derived.
insert into course_record (prescription_id, line_number, use_number, patient_id, drug_code, start_date, end_date,
                           status, institution_id, prescriber_id)
select prescription_id, line_number, use_number, patient_id, drug_code, start_date, end_date, status,
       institution_id, prescriber_id
  from medication_course;

-- 2. medication_course (the medication list, rebuilt by replay) now copies the recorded courses; what it kept to
-- derive them itself is no longer needed.
alter table medication_course
    drop column prescribed_drug_code,
    drop column prescribed_days,
    drop column dispensed_at;

-- An alert shows on every prescription it links: the conflicts name the other prescriptions.
create index medication_alert_conflicts_idx on medication_alert using gin (conflicts jsonb_path_ops);

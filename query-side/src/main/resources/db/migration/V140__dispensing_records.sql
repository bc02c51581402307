-- Registered dispensings (docs/alerts.md, "Registered dispensings"): a pharmacy's dispensing against a paper
-- prescription, or an institution's in-house dispensing, recorded as a DispensingRecord aggregate. Its courses and the
-- alerts it raises live beside the prescriptions' in the same tables: a row belongs to a prescription
-- (prescription_id) or to a record (dispensing_record_id), never both. A record's course is one item in one revision
-- of the record (line_number = item number, use_number = revision); who registered it is kept as registrant_*
-- (role PHARMACIST or PRESCRIBER, the person, the pharmacy or institution). institution_id is the prescribing
-- institution, null when a pharmacy did not name one; prescriber_id is null unless a prescriber registered.

alter table course_record
    add column dispensing_record_id    uuid,
    add column registrant_role         text,
    add column registrant_id           text,
    add column registrant_organisation text;
alter table course_record drop constraint course_record_pkey;
alter table course_record
    alter column prescription_id drop not null,
    alter column institution_id drop not null,
    alter column prescriber_id drop not null,
    add constraint course_record_one_source check ((prescription_id is null) <> (dispensing_record_id is null));
-- null ids are distinct: each index keeps one kind of row unique, and upserts name the one they mean
create unique index course_record_prescription_course on course_record (prescription_id, line_number, use_number);
create unique index course_record_record_course on course_record (dispensing_record_id, line_number, use_number);

alter table medication_course
    add column dispensing_record_id    uuid,
    add column registrant_role         text,
    add column registrant_id           text,
    add column registrant_organisation text;
alter table medication_course drop constraint medication_course_pkey;
alter table medication_course
    alter column prescription_id drop not null,
    alter column institution_id drop not null,
    alter column prescriber_id drop not null,
    add constraint medication_course_one_source check ((prescription_id is null) <> (dispensing_record_id is null));
create unique index medication_course_prescription_course
    on medication_course (prescription_id, line_number, use_number);
create unique index medication_course_record_course
    on medication_course (dispensing_record_id, line_number, use_number);

-- An alert a record raised: its own side is the record (conflicts naming a record carry dispensingRecordId and
-- registeredBy in the jsonb, found through medication_alert_conflicts_idx).
alter table medication_alert
    add column dispensing_record_id    uuid,
    add column registrant_role         text,
    add column registrant_id           text,
    add column registrant_organisation text;
alter table medication_alert
    alter column prescription_id drop not null,
    alter column institution_id drop not null,
    alter column prescriber_id drop not null,
    add constraint medication_alert_one_source check ((prescription_id is null) <> (dispensing_record_id is null));
create index medication_alert_record_idx on medication_alert (dispensing_record_id);

-- A course keeps how the check that recorded it described its drug (name, Japanese name, ingredients, route,
-- strengths, form), which the medication list shows whatever the catalogue says later (docs/architecture.md,
-- "Reference data"). Null: not recorded (a check recorded before checks described their drugs); the list then names
-- the drug by the catalogue the exchange runs with, as it did before. Both course tables keep the same columns.
alter table medication_course add column drug_description jsonb;
alter table course_record add column drug_description jsonb;

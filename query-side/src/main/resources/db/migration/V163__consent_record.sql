-- The patients' consent as the commands that recorded it left it (docs/alerts.md, "Consent"): written by
-- ConsentRecordProjection (a subscribing processor) in the transaction of the consent command, so a withdrawal is
-- honoured by every read from the moment it is answered, whatever the asynchronous projections are doing.
-- patient_consent stays the medication-alerts projection's copy, rebuilt and verified with it.
create table consent_record (
    patient_id      text primary key,
    sharing_allowed boolean not null,
    changed_at      timestamptz not null,
    -- sequence number of the consent event: an older one never overwrites a newer one
    version         bigint not null
);

-- A store from before: the consent so far is what the projection applied.
insert into consent_record (patient_id, sharing_allowed, changed_at, version)
select patient_id, sharing_allowed, changed_at, version
  from patient_consent;

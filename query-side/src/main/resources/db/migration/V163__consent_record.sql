-- The patients' consent as the commands that recorded it left it (docs/alerts.md, "Privacy"): written by
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

-- A store from before: each patient's last consent event, where the events are in this database. Not patient_consent:
-- the projection may lag, hold the patient's events in the dead-letter queue, or be off with alerts switched off, and a
-- withdrawal it has not applied would be shared again. Elsewhere (Axon Server) only the projection's copy is here.
do $$
begin
    if to_regclass('domainevententry') is not null then
        insert into consent_record (patient_id, sharing_allowed, changed_at, version)
        select last.payload ->> 'patientId',
               last.payloadtype = 'org.eprescription.core.consent.ConsentGiven',
               cast(coalesce(last.payload ->> 'givenAt', last.payload ->> 'withdrawnAt') as timestamptz),
               last.sequencenumber
          from (select distinct on (e.aggregateidentifier) e.payloadtype, e.sequencenumber,
                       cast(convert_from(e.payload, 'UTF8') as jsonb) as payload
                  from domainevententry e
                 where e.type = 'PatientConsent'
                 order by e.aggregateidentifier, e.sequencenumber desc) last;
    end if;
end
$$;

insert into consent_record (patient_id, sharing_allowed, changed_at, version)
select patient_id, sharing_allowed, changed_at, version
  from patient_consent
    on conflict (patient_id) do nothing;

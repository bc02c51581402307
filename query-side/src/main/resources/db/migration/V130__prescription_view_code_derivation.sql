-- Which key and attempt derived the prescription's exchange code (never the code): with them the exchange derives the
-- code again for the patient's own list while the prescription is open. Rebuilt from PrescriptionIssued.
alter table prescription_view
    add column exchange_code_key_id  text,
    add column exchange_code_attempt int;

-- Rows projected before: what their PrescriptionIssued recorded, read from the event store where it is this database
-- (revision 1 named no key: k1; revisions 1 and 2 no attempt: 0). Elsewhere (Axon Server) a replay fills them.
do $$
begin
    if to_regclass('domainevententry') is not null then
        update prescription_view v
           set exchange_code_key_id  = coalesce(issued.payload ->> 'exchangeCodeKeyId', 'k1'),
               exchange_code_attempt = coalesce(cast(issued.payload ->> 'exchangeCodeAttempt' as int), 0)
          from (select e.aggregateidentifier, cast(convert_from(e.payload, 'UTF8') as jsonb) as payload
                  from domainevententry e
                 where e.payloadtype = 'org.eprescription.core.prescription.event.PrescriptionIssued') issued
         where issued.aggregateidentifier = cast(v.prescription_id as text);
    end if;
end
$$;

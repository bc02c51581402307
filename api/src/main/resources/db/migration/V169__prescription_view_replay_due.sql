-- The prescription view's rows written from events that did not record their days (0.1.0: PrescriptionIssued before
-- revision 4, PrescriptionDispensed before revision 2) differ from what a replay writes from the same events: V120
-- gave them the UTC day of their issue where a replay reads it in exchange.legacy-event-zone, and their dispensings
-- have no day, so a refill window scheduled then opens on the day its RefillScheduled recorded rather than no earlier
-- than the day after the completing dispensing. A database whose event store holds such events replays the view once
-- at its first start after the upgrade (docs/operations.md, "Replays due at start"). With Axon Server as the event
-- store the events are not in this database, so one the exchange has already run on replays it.
insert into projection_replay_due (projection, reason)
select 'prescription-view', 'rows written from events that did not record their days (0.1.0) differ from a replay'
 where exists (select 1 from domainevententry
                where payloadtype = 'org.eprescription.core.prescription.event.PrescriptionIssued'
                  and payloadrevision in ('1', '2', '3')
                   or payloadtype = 'org.eprescription.core.prescription.event.PrescriptionDispensed'
                  and payloadrevision = '1')
    or (not exists (select 1 from domainevententry) and exists (select 1 from tokenentry))
on conflict (projection) do nothing;

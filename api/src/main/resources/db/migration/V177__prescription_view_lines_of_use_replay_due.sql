-- Releases before this one showed a dispensing against the prescription's lines as they are now: after an amendment
-- answered once its use was completed, the dispensing read (JSON and FHIR MedicationDispense) as if it had been made
-- against the amended line (another drug counted as a substitute, another unit). The view now keeps, with each
-- dispensing of a use completed before an amendment, the lines that use was dispensed under (`linesOfUse`,
-- docs/domain.md, "Views"); rows written before do not have them, and differ from a replay. A database whose event
-- store holds an amendment replays the view once at its first start after the upgrade (docs/operations.md, "Replays
-- due at start"). With Axon Server as the event store the events are not in this database, so one the exchange has
-- already run on replays it.
insert into projection_replay_due (projection, reason)
select 'prescription-view', 'dispensings of uses completed before an amendment were shown against the amended lines'
 where exists (select 1 from domainevententry
                where payloadtype = 'org.eprescription.core.prescription.event.PrescriptionAmended')
    or (not exists (select 1 from domainevententry) and exists (select 1 from tokenentry))
on conflict (projection) do nothing;

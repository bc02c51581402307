-- Loads a store of :events events for bench/run-rebuild.sh by cloning template lifecycles in SQL.
--
-- Run by psql against the benchmark's throwaway database, with the exchange stopped, after the templates were made
-- through the API (bench/RebuildBench.java templates) and their list loaded into rb_template(tid, name, weight,
-- aggregate, patient). psql variables: events (the store's size when done, templates included), lag (lifecycles
-- between two events of one prescription in global order), days (the time the clones span), patients_per (lifecycles
-- per patient, on average), consent_every (one patient in this many gives consent).
--
-- Each clone k is one lifecycle of a template drawn by weight (hash of k), with its own prescription id, exchange
-- code hash, event identifiers and derived alert ids, a patient drawn from a pool (hash of k, so a patient's
-- prescriptions are spread over the whole period and sometimes overlap: duplicate alerts are computed, not absurdly
-- many), an institution, prescriber, pharmacies and pharmacists from the same ranges as bench/LifecycleLoad.java, and
-- every date of the template (payload instants, validUntil, refill windows, the timestamp column) moved by the days
-- the clone's place in the period says. The events of a lifecycle are interleaved with the others': event j of clone
-- k sits at k + j * lag in global order, as if each step came some hours after the one before.
\set ON_ERROR_STOP on
set work_mem = '256MB';
set maintenance_work_mem = '512MB';
set synchronous_commit = off;
\timing on

-- every date 20xx-mm-dd in text moved by days (birth dates, 19xx, are not touched)
create or replace function pg_temp.rb_shift_dates(txt text, days int) returns text
    language plpgsql immutable as $$
declare
    result text := '';
    pos int := 1;
    at int;
begin
    if txt is null or days = 0 then
        return txt;
    end if;
    loop
        at := regexp_instr(txt, '20[0-9][0-9]-[01][0-9]-[0-3][0-9]', pos);
        exit when at = 0;
        result := result || substr(txt, pos, at - pos) || to_char(substr(txt, at, 10)::date + days, 'YYYY-MM-DD');
        pos := at + 10;
    end loop;
    return result || substr(txt, pos);
end $$;

-- the name Java's UUID.nameUUIDFromBytes gives (MD5, version 3): what AlertIds derives an alert's id with
create or replace function pg_temp.rb_name_uuid(name text) returns text
    language sql immutable as $$
    select (substr(h, 1, 12) || '3' || substr(h, 14, 3)
            || substr('89ab', (('x' || substr(h, 17, 1))::bit(4)::int & 3) + 1, 1) || substr(h, 18))::uuid::text
      from md5(name) h
$$;

-- the template events as text, with what each clone replaces
drop table if exists rb_event;
create table rb_event as
select t.tid, e.sequencenumber::int as seq, e.type, e.payloadtype, e.payloadrevision,
       convert_from(e.payload, 'UTF8') as payload, convert_from(e.metadata, 'UTF8') as metadata, e.timestamp as ts,
       t.aggregate, t.patient,
       convert_from(i.payload, 'UTF8')::json ->> 'exchangeCodeHash' as code_hash,
       a.alert_id, a.alert_name
  from rb_template t
  join domainevententry e on e.aggregateidentifier = t.aggregate
  left join domainevententry i on i.aggregateidentifier = t.aggregate and i.sequencenumber = 0
       and i.payloadtype like '%.PrescriptionIssued'
  left join lateral (select m.alert_id, '|' || m.line_number || '|' || m.type || '|' || m.alert_key as alert_name
                       from medication_alert m
                      where m.prescription_id::text = t.aggregate
                      order by m.alert_id limit 1) a on true;

select tid, count(*) as events, max(alert_id) is not null as with_alert from rb_event group by tid order by tid;

-- how many lifecycles make the store: the templates are there already
select count(*) as template_events, coalesce(max(globalindex), 0) as base from domainevententry \gset
select sum(t.weight * n.events)::numeric / sum(t.weight) as per_lifecycle, sum(t.weight) as weights,
       max(n.events) as max_events
  from rb_template t join (select tid, count(*) as events from rb_event group by tid) n using (tid)
 where t.weight > 0 \gset
select greatest(0, :events - :template_events) as clone_events \gset
-- events of lifecycles plus consents (one per consent_every patients, patients = lifecycles / patients_per)
-- 2 % more than the average says: the draw by hash is not exactly the average, and the limit below cuts the rest
select ceil(1.02 * :clone_events / (:per_lifecycle + 1.0 / (:patients_per * :consent_every)))::bigint + 1 as lifecycles \gset
select greatest(1, ceil(:lifecycles::numeric / :patients_per))::bigint as patients \gset
select ceil((:lifecycles + :max_events * :lag::numeric) * :days / :lifecycles)::int + 1 as max_shift \gset
\echo clone events :clone_events, lifecycles :lifecycles, patients :patients, events per lifecycle :per_lifecycle

-- the weighted draw: slot s (0 .. weights-1) belongs to one template
drop table if exists rb_slot;
create table rb_slot as
select row_number() over (order by t.tid, g) - 1 as slot, t.tid
  from rb_template t, generate_series(1, t.weight) g
 where t.weight > 0;

-- every template event moved by every day the period needs
drop table if exists rb_shifted;
create table rb_shifted as
select e.tid, e.seq, d as shift, pg_temp.rb_shift_dates(e.payload, d) as payload,
       pg_temp.rb_shift_dates(e.metadata, d) as metadata, pg_temp.rb_shift_dates(e.ts, d) as ts
  from rb_event e, generate_series(0, :max_shift) d;
create unique index on rb_shifted (tid, seq, shift);
analyze rb_slot;
analyze rb_shifted;

-- what a clone is: its place in global order, and from that everything it substitutes
alter table domainevententry drop constraint domainevententry_aggregate_sequence;
alter table domainevententry drop constraint domainevententry_event_id;

insert into domainevententry (globalindex, aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                              payload, payloadrevision, payloadtype, timestamp)
select :base + o.n, c.aggregate, o.seq, e.type,
       md5('rb-event|' || o.kind || '|' || o.k || '|' || o.seq)::uuid::text,
       convert_to(
           replace(replace(replace(replace(replace(replace(replace(replace(
               s.metadata, e.aggregate, c.aggregate), e.patient, c.patient), 'HOSPITAL-TMPL', c.institution),
               'DOCTOR-TMPL', c.prescriber), 'PHARMA-TMPL-A', c.pharmacy_a), 'CHEMIST-TMPL-A', c.pharmacist_a),
               'PHARMA-TMPL-B', c.pharmacy_b), 'CHEMIST-TMPL-B', c.pharmacist_b), 'UTF8'),
       convert_to(
           replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
               s.payload, e.aggregate, c.aggregate), e.patient, c.patient), 'HOSPITAL-TMPL', c.institution),
               'DOCTOR-TMPL', c.prescriber), 'PHARMA-TMPL-A', c.pharmacy_a), 'CHEMIST-TMPL-A', c.pharmacist_a),
               'PHARMA-TMPL-B', c.pharmacy_b), 'CHEMIST-TMPL-B', c.pharmacist_b),
               '"birthDate":"1960-05-05"', '"birthDate":"' || c.birth_date || '"'),
               coalesce(e.code_hash, '"no-code-hash"'),
               case when e.code_hash is null then '"no-code-hash"'
                    else encode(sha256(convert_to('rb-code|' || c.aggregate, 'UTF8')), 'hex') end),
               coalesce(e.alert_id, '"no-alert"'),
               case when e.alert_id is null then '"no-alert"'
                    else pg_temp.rb_name_uuid('alert|' || c.aggregate || e.alert_name) end), 'UTF8'),
       e.payloadrevision, e.payloadtype, s.ts
  from (select row_number() over (order by x.ord, x.kind, x.k, x.seq) as n, x.*
          from (select 0 as kind, l.k, l.tid, ev.seq, l.k + ev.seq * :lag::bigint as ord
                  from (select k, sl.tid
                          from generate_series(0::bigint, :lifecycles - 1) k
                          join rb_slot sl on sl.slot = abs(hashint8(k * 31 + 7)::bigint) % :weights) l
                  join rb_event ev on ev.tid = l.tid
                union all
                select 1, p, t.tid, 0, p * :patients_per::bigint
                  from generate_series(0::bigint, :patients - 1) p, rb_template t
                 where t.name = 'consent' and p % :consent_every = 0) x
         order by x.ord, x.kind, x.k, x.seq
         limit :clone_events) o
  join rb_event e on e.tid = o.tid and e.seq = o.seq
  join rb_shifted s on s.tid = o.tid and s.seq = o.seq
       and s.shift = least(:max_shift, floor(o.ord * :days::numeric / :lifecycles)::int)
  cross join lateral (
      select case when o.kind = 1 then 'consent:' || pt.patient else md5('rb-prescription|' || o.k)::uuid::text end
                 as aggregate,
             pt.patient,
             (date '1930-01-01' + (pt.p % 27000)::int)::text as birth_date,
             'HOSP-' || (o.k % 50 + 1) as institution,
             'DOC-' || (o.k % 50 + 1) || '-' || (o.k / 50 % 4 + 1) as prescriber,
             'PH-' || ph.a as pharmacy_a,
             'RPH-' || ph.a || '-' || (o.k % 3 + 1) as pharmacist_a,
             'PH-' || (ph.a % 50 + 1) as pharmacy_b,
             'RPH-' || (ph.a % 50 + 1) || '-' || (o.k % 3 + 1) as pharmacist_b
        from (select case when o.kind = 1 then o.k else abs(hashint8(o.k * 7 + 3)::bigint) % :patients end as p) pp
        cross join lateral (select pp.p, 'PAT-' || lpad(pp.p::text, 8, '0') as patient) pt
        cross join lateral (select abs(hashint8(o.k * 13 + 5)::bigint) % 50 + 1 as a) ph) c;

select setval(pg_get_serial_sequence('domainevententry', 'globalindex'), max(globalindex)) as head
  from domainevententry \gset
alter table domainevententry add constraint domainevententry_aggregate_sequence
    unique (aggregateidentifier, sequencenumber);
alter table domainevententry add constraint domainevententry_event_id unique (eventidentifier);
analyze domainevententry;

drop table rb_shifted;
drop table rb_slot;
drop table rb_event;
\echo store head :head

-- Exchange codes held by prescriptions that are not final (docs/domain.md, "The exchange code"). An issue derives a
-- code no row here holds (under any key); LiveExchangeCodeProjection, a subscribing processor, inserts the issued
-- hash in the issuing command's transaction and deletes it in the transaction that makes the prescription final.
-- The primary key lets only one of two simultaneous issues of the same hash commit; the other is decided again.
create table live_exchange_code (
    code_hash       text primary key,
    prescription_id uuid not null
);

create index live_exchange_code_prescription_idx on live_exchange_code (prescription_id);

-- A store from before: the live prescriptions' hashes, as the view knew them.
insert into live_exchange_code (code_hash, prescription_id)
select exchange_code_hash, prescription_id
  from prescription_view
 where status not in ('COMPLETED', 'CANCELLED', 'EXPIRED');

-- A final prescription's code may be handed out again, so the view holds a hash more than once; the pharmacy's
-- look-up prefers the live holder.
alter table prescription_view drop constraint prescription_view_exchange_code_hash_key;
create index prescription_view_exchange_code_hash_idx on prescription_view (exchange_code_hash);

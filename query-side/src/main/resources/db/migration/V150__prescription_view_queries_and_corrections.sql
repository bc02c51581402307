-- Pharmacists' queries to the prescriber (疑義照会) on the prescription view, and dispensings that can be corrected
-- or withdrawn on their day (docs/domain.md). Both are rebuilt from events.
alter table prescription_view add column queries jsonb not null default '[]'::jsonb;

-- Dispensings written before carry no number, status or corrections: give them what the view now writes for a
-- dispensing nobody corrected, numbered in the order they were recorded.
update prescription_view v
   set dispensings = (select jsonb_agg(d.dispensing || jsonb_build_object('sequence', d.n, 'status', 'RECORDED',
                                                                          'corrections', '[]'::jsonb)
                                       order by d.n)
                        from jsonb_array_elements(v.dispensings) with ordinality as d(dispensing, n))
 where jsonb_typeof(v.dispensings) = 'array' and jsonb_array_length(v.dispensings) > 0;

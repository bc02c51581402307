-- A view's lines keep no drug names: they come from the catalogue when the view is read, so that a replay under
-- another catalogue writes the same rows as the live view (docs/architecture.md, "Reference data"). A row written
-- since holds null names; the rows written before are made the same.
update prescription_view
   set lines = (select coalesce(jsonb_agg(line || jsonb_build_object('drugName', null, 'drugNameJa', null)
                                          order by position), '[]'::jsonb)
                  from jsonb_array_elements(lines) with ordinality as t(line, position))
 where lines is not null and jsonb_typeof(lines) = 'array';

package org.eprescription.query.rebuild;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Compares a projection's live tables with copies rebuilt in another schema, row by row on every column: rows only in
 * one of them ({@code except} both ways) are matched by their key columns (a null key column matches a null one), so
 * a changed row counts once.
 */
@Component
@RequiredArgsConstructor
public class TableComparison {

    private final JdbcClient jdbc;

    /** Meant to run in one transaction, so that every table is read as of the same moment. */
    public Differences compare(String liveSchema, String copySchema, ProjectionDefinition projection, int examples) {
        long count = 0;
        List<Difference> found = new ArrayList<>();
        for (ProjectionTable table : projection.tables()) {
            List<Row> rows = jdbc.sql(sql(liveSchema, copySchema, table, columns(liveSchema, table.name())))
                    .param("limit", examples)
                    .query((rs, n) -> new Row(rs.getLong("total"),
                            new Difference(table.name(), rs.getString("key"), rs.getString("live"),
                                    rs.getString("rebuilt"))))
                    .list();
            if (!rows.isEmpty()) {
                count += rows.get(0).total();
                rows.stream().map(Row::difference).limit(Math.max(0, examples - found.size())).forEach(found::add);
            }
        }
        return new Differences(count, found);
    }

    private List<String> columns(String schema, String table) {
        return jdbc.sql("""
                        select column_name from information_schema.columns
                         where table_schema = :schema and table_name = :table
                         order by ordinal_position
                        """)
                .param("schema", schema)
                .param("table", table)
                .query(String.class)
                .list();
    }

    private static String sql(String liveSchema, String copySchema, ProjectionTable table, List<String> columns) {
        String all = String.join(", ", columns);
        String joinOnKey = table.keyColumns().stream()
                // as text with null as '': an equality a full join can hash, matching a null key with a null one
                .map(column -> "coalesce(l." + column + "::text, '') = coalesce(r." + column + "::text, '')")
                .collect(Collectors.joining(" and "));
        String key = table.keyColumns().stream()
                .map(column -> "'" + column + "', coalesce(l." + column + ", r." + column + ")")
                .collect(Collectors.joining(", ", "json_build_object(", ")"));
        String orderBy = table.keyColumns().stream()
                .map(column -> "coalesce(l." + column + ", r." + column + ")")
                .collect(Collectors.joining(", "));
        return """
                with live as (select %1$s from %2$s.%4$s),
                     rebuilt as (select %1$s from %3$s.%4$s),
                     only_live as (select * from live except select * from rebuilt),
                     only_rebuilt as (select * from rebuilt except select * from live)
                select count(*) over () as total, %5$s::text as key,
                       case when l is null then null else row_to_json(l)::text end as live,
                       case when r is null then null else row_to_json(r)::text end as rebuilt
                  from only_live l full join only_rebuilt r on %6$s
                 order by %7$s
                 limit :limit
                """.formatted(all, liveSchema, copySchema, table.name(), key, joinOnKey, orderBy);
    }

    private record Row(long total, Difference difference) {
    }
}
